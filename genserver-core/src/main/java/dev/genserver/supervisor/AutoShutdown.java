package dev.genserver.supervisor;

/**
 * Whether a supervisor shuts itself down when its <em>significant</em> children exit on their own
 * (OTP's {@code auto_shutdown}). Only {@link RestartType#TRANSIENT} and
 * {@link RestartType#TEMPORARY} children can be significant ({@link ChildSpec#asSignificant()}),
 * and only an exit that is not followed by a restart counts: a transient child that exits
 * normally, or a temporary child that exits for any reason. Terminating a child through
 * {@link Supervisor#terminateChild} never triggers an auto shutdown.
 *
 * <p>The supervisor then stops its remaining children (reverse start order) and exits with
 * {@code shutdown}.
 */
public enum AutoShutdown {

    /** Never (the default); significant children are not allowed. */
    NEVER,

    /** As soon as any significant child exits. */
    ANY_SIGNIFICANT,

    /** When the last running significant child exits. */
    ALL_SIGNIFICANT
}
