package dev.genserver.state;

/**
 * A state could not be turned into JSON, or a stored state could not be read back into the
 * server's fields (not a JSON object, corrupt text, a value of the wrong type). When reading, the
 * server does not start and the stored state is left untouched, to be repaired or removed.
 */
public final class StateFormatException extends DurableStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param key whose state
     * @param message what failed and what to do
     * @param cause Jackson's exception, or null
     */
    public StateFormatException(StateKey key, String message, Throwable cause) {
        super(key, message, cause);
    }
}
