package dev.genserver.state;

/**
 * A write was refused because the stored state is not the one the writer read: another instance
 * (a duplicate after a split brain, a zombie left behind by a failover, a second application
 * instance) has written the same key since. Nothing was written. The server that got it crashes,
 * and its restart reads the newer state.
 */
public final class StateConflictException extends StateStoreException {

    private static final long serialVersionUID = 1L;

    private final long expectedRevision;
    private final long actualRevision;

    /**
     * Creates the exception.
     *
     * @param key whose state
     * @param store the store's description
     * @param expectedRevision the revision the writer read (0: none)
     * @param actualRevision the revision stored now (0: none)
     */
    public StateConflictException(StateKey key, String store, long expectedRevision, long actualRevision) {
        super(key, "state of " + key + " in " + store + " was written by another instance: this one read revision "
                + expectedRevision + (actualRevision == 0 ? " but the state was removed" : " but it is now revision "
                + actualRevision) + "; the write was refused and nothing was overwritten (the server restarts and "
                + "reads the newer state; if two instances keep owning this key, only one may run it)", null);
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    /**
     * Returns the revision the refused writer had read.
     *
     * @return the revision, 0 when it had found none
     */
    public long expectedRevision() {
        return expectedRevision;
    }

    /**
     * Returns the revision found in the store.
     *
     * @return the revision, 0 when there is none
     */
    public long actualRevision() {
        return actualRevision;
    }
}
