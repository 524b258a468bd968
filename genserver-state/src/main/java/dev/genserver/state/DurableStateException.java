package dev.genserver.state;

/**
 * A durable state could not be read, migrated or written. Thrown inside the server that owns the
 * state, it crashes that server, and its supervisor decides what happens next (it restarts it,
 * which reads the state again); the stored state is never overwritten by a failed load.
 */
public sealed class DurableStateException extends RuntimeException
        permits StateStoreException, StateMigrationException, StateFormatException {

    private static final long serialVersionUID = 1L;

    /** The state concerned. */
    private final StateKey key;

    DurableStateException(StateKey key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * Returns whose state it was.
     *
     * @return the key
     */
    public StateKey key() {
        return key;
    }
}
