package dev.genserver.registry;

import dev.genserver.process.GenServerException;
import dev.genserver.process.ServerRef;

/**
 * {@link Registry#register}: in a registry with unique keys, another live server holds the key
 * (Elixir's {@code {:error, {:already_registered, pid}}}).
 */
public final class AlreadyRegisteredException extends GenServerException {

    private static final long serialVersionUID = 1L;

    private final transient Object key;
    private final transient ServerRef holder;

    AlreadyRegisteredException(String registry, Object key, ServerRef holder) {
        super("key " + key + " is already registered in registry " + registry + " by " + holder
                + "; look it up with whereis(key), unregister it first, or use a registry with duplicate keys",
                registry, "register", null);
        this.key = key;
        this.holder = holder;
    }

    /**
     * Returns the key.
     *
     * @return the key
     */
    public Object key() {
        return key;
    }

    /**
     * Returns the server that holds the key.
     *
     * @return its reference
     */
    public ServerRef holder() {
        return holder;
    }
}
