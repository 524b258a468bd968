package dev.genserver.process;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a server exited (OTP's exit reason).
 *
 * <p>{@link #NORMAL}, {@link #SHUTDOWN} and {@link #shutdown(Object) shutdown(detail)} are
 * <em>normal</em>: they are not logged as errors and a transient child is not restarted after
 * them. Everything else is abnormal. Through links, as in OTP, only {@link #NORMAL} is ignored
 * by a server that does not trap exits; {@code shutdown} stops linked servers too, which is how
 * a tree of linked workers goes down together.
 * {@link #KILL} is a signal, not a reason: it cannot be trapped, and the target exits with
 * {@link #KILLED}.
 */
public sealed interface ExitReason {

    /** The server finished its work. */
    ExitReason NORMAL = new Normal();
    /** The server was asked to shut down, usually by its supervisor. */
    ExitReason SHUTDOWN = new Shutdown(null);
    /** The untrappable kill signal; see {@link ProcessRuntime#exit}. */
    ExitReason KILL = new Kill();
    /** The reason of a server that was killed. */
    ExitReason KILLED = new Killed();
    /** The target of a monitor or link did not exist. */
    ExitReason NOPROC = new NoProc();

    /**
     * Tells whether this reason is a normal exit: {@code normal}, {@code shutdown} or
     * {@code shutdown(detail)}.
     *
     * @return true for a normal exit
     */
    default boolean isNormal() {
        return this instanceof Normal || this instanceof Shutdown;
    }

    /**
     * A shutdown with a detail, which counts as normal.
     *
     * @param detail any detail worth reporting
     * @return the reason
     */
    static ExitReason shutdown(Object detail) {
        return new Shutdown(detail);
    }

    /**
     * A crash caused by an exception.
     *
     * @param cause the exception
     * @return the reason
     */
    static ExitReason crash(Throwable cause) {
        return new Crash(cause);
    }

    /**
     * An abnormal exit described by any value (OTP's {@code {:stop, term}}).
     *
     * @param term the description
     * @return the reason
     */
    static ExitReason error(Object term) {
        return new Error(term);
    }

    /** Normal exit. */
    record Normal() implements ExitReason {
        @Override
        public String toString() {
            return "normal";
        }
    }

    /**
     * Orderly shutdown, optionally with a detail; normal.
     *
     * @param detail a detail, if any
     */
    record Shutdown(@Nullable Object detail) implements ExitReason {
        @Override
        public String toString() {
            return detail == null ? "shutdown" : "shutdown(" + detail + ")";
        }
    }

    /** The kill signal. */
    record Kill() implements ExitReason {
        @Override
        public String toString() {
            return "kill";
        }
    }

    /** Exit reason of a killed server. */
    record Killed() implements ExitReason {
        @Override
        public String toString() {
            return "killed";
        }
    }

    /** No such process. */
    record NoProc() implements ExitReason {
        @Override
        public String toString() {
            return "noproc";
        }
    }

    /**
     * A crash: a callback threw.
     *
     * @param cause the exception
     */
    record Crash(Throwable cause) implements ExitReason {
        /**
         * Validates the reason.
         *
         * @param cause the exception
         */
        public Crash {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String toString() {
            return "crash(" + cause + ")";
        }
    }

    /**
     * An abnormal exit described by a value.
     *
     * @param term the description
     */
    record Error(Object term) implements ExitReason {
        @Override
        public String toString() {
            return "error(" + term + ")";
        }
    }
}
