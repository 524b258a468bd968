package dev.genserver.state;

/**
 * The {@link StateStore} failed: unreachable, or an error while reading or writing. The message
 * names the store, the state and the operation.
 */
public sealed class StateStoreException extends DurableStateException permits StateConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param key whose state
     * @param message what failed and what to do
     * @param cause the store's own exception, or null
     */
    public StateStoreException(StateKey key, String message, Throwable cause) {
        super(key, message, cause);
    }
}
