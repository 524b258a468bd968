package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;

/**
 * When a supervisor restarts a child that exited on its own (OTP's {@code restart} value).
 *
 * <p>"Normal" exits are {@link ExitReason#NORMAL}, {@link ExitReason#SHUTDOWN} and
 * {@link ExitReason#shutdown(Object) shutdown(detail)}; every other reason, a crash included, is
 * abnormal.
 *
 * <table>
 *   <caption>Restarted after</caption>
 *   <tr><th>type</th><th>normal exit</th><th>abnormal exit</th><th>spec kept after a final exit</th></tr>
 *   <tr><td>{@link #PERMANENT}</td><td>yes</td><td>yes</td><td>-</td></tr>
 *   <tr><td>{@link #TRANSIENT}</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #TEMPORARY}</td><td>no</td><td>no</td><td>no, forgotten</td></tr>
 * </table>
 */
public enum RestartType {

    /** Always restarted (the default). */
    PERMANENT,

    /** Restarted only after an abnormal exit. */
    TRANSIENT,

    /** Never restarted; the supervisor forgets the child once it has exited or been terminated. */
    TEMPORARY;

    /**
     * Tells whether a child of this type is restarted after exiting with {@code reason}.
     *
     * @param reason the child's exit reason
     * @return true when the supervisor restarts it
     */
    public boolean restartsAfter(ExitReason reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isNormal();
            case TEMPORARY -> false;
        };
    }
}
