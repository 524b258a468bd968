package dev.genserver.supervisor;

import dev.genserver.process.CrashReport;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages of the supervisor processes. Package-private: clients use {@link Supervisor} and
 * {@link DynamicSupervisor}.
 */
final class Protocol {

    private Protocol() {
    }

    // ---- calls ------------------------------------------------------------------------------

    record StartChild(ChildSpec spec) {
    }

    record TerminateChild(String id) {
    }

    record RestartChild(String id) {
    }

    record DeleteChild(String id) {
    }

    record GetChildSpec(String id) {
    }

    record WhichChildren() {
    }

    record CountChildren() {
    }

    /** Dynamic: reserve a slot for a start that runs on the caller's thread. */
    record Reserve() {
    }

    /** Dynamic: the answer to {@link Reserve}. */
    record Reservation(long token, List<Object> extraArguments, ProcessRuntime runtime) {
    }

    /** Dynamic: the caller started the child; the supervisor takes it over. */
    record Adopt(long token, ServerRef ref, ChildSpec spec) {
    }

    /** Dynamic: the start of a reserved slot failed or was ignored. */
    record Release(long token) {
    }

    /** Dynamic: terminate the child with this server. */
    record TerminateRef(ServerRef ref) {
    }

    /** A refusal, rethrown on the caller's thread. */
    record Failure(RuntimeException error) {
    }

    /** A call that succeeded with nothing to return. */
    enum Ok { OK }

    // ---- info -------------------------------------------------------------------------------

    /** A watched child incarnation exited. {@code generation} tells stale notices apart. */
    record ChildExited(Object child, int generation, ExitReason reason) {
    }

    /** Try a failed restart again (counts toward the intensity). */
    record TryAgain(Object child, long token) {
    }

    /** A backoff delay ended: start the child now (already counted). */
    record DelayedRestart(Object child, long token) {
    }

    /** Dynamic: a restart that ran on its own thread finished. */
    record RestartDone(Object child, long token, RestartOutcome outcome) {
    }

    sealed interface RestartOutcome {
        record Restarted(ServerRef ref, @Nullable CrashReport before) implements RestartOutcome {
        }

        record Ignored() implements RestartOutcome {
        }

        record Failed(ExitReason reason, boolean runtimeClosed) implements RestartOutcome {
        }
    }

    /** Unwraps a reply on the caller's thread, rethrowing a refusal there. */
    static Object unwrap(Object reply) {
        if (reply instanceof Failure(RuntimeException error)) {
            // Show the caller's stack, not the supervisor's.
            error.fillInStackTrace();
            throw error;
        }
        return reply;
    }
}
