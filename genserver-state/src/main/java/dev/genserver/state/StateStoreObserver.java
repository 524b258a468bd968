package dev.genserver.state;

/**
 * Told about every read and write of a durable state, with its outcome and duration: the hook of
 * the {@code genserver.state.store} meter. Called on the thread that did the operation; must be
 * fast and must not throw.
 */
@FunctionalInterface
public interface StateStoreObserver {

    /** Observes nothing. */
    StateStoreObserver NONE = (server, operation, outcome, nanos) -> {
    };

    /** What was done. */
    enum Operation {
        /** A read, when a server starts. */
        LOAD,
        /** A write of a changed state. */
        WRITE
    }

    /** How it ended. */
    enum Outcome {
        /** Done. */
        SUCCESS,
        /** A write refused because another instance wrote the key since ({@link StateConflictException}). */
        CONFLICT,
        /** The store failed. */
        FAILURE
    }

    /**
     * Reports one operation.
     *
     * @param server the durable name of the server
     * @param operation what was done
     * @param outcome how it ended
     * @param nanos how long it took; for a write in a write-behind batch ({@link StateStore#writeAll}),
     *        how long the batch took (each of its writes is reported)
     */
    void observed(String server, Operation operation, Outcome outcome, long nanos);
}
