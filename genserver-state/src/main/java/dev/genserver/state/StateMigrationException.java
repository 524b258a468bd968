package dev.genserver.state;

/**
 * A stored state could not be brought to the class's current {@link StateVersion}: it was written
 * by a newer version, a {@link MigrateState} step is missing, or one threw. The server does not
 * start; the stored state is left untouched.
 */
public final class StateMigrationException extends DurableStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param key whose state
     * @param message what failed and what to do
     * @param cause the migration's exception, or null
     */
    public StateMigrationException(StateKey key, String message, Throwable cause) {
        super(key, message, cause);
    }
}
