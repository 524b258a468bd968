package dev.genserver.process;

/** A server with this name is already running. */
public class AlreadyStartedException extends GenServerException {

    private static final long serialVersionUID = 1L;

    private final transient ServerRef holder;

    /**
     * Creates the exception.
     *
     * @param name the name
     * @param holder the server that holds it
     */
    public AlreadyStartedException(String name, ServerRef holder) {
        super("a server named " + name + " is already started; use the existing one (holder()) or another name",
                name, null, null);
        this.holder = holder;
    }

    /**
     * Returns the server that holds the name.
     *
     * @return its reference
     */
    public ServerRef holder() {
        return holder;
    }
}
