package dev.genserver.supervisor;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.CrashReport;
import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartFailedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** What both supervisors do to their children's servers. */
final class ChildOps {

    private ChildOps() {
    }

    /**
     * The reason an exit future reported, made precise. {@link ServerRef#onExit()} answers
     * {@code noproc} when the incarnation had already exited before it was asked (a child that
     * crashed right after its init, before its supervisor watched it). The supervisor is the only
     * one that restarts the server, so that exit is the one it is watching; its reason is in the
     * crash report if it was abnormal, and it was a normal exit otherwise.
     */
    static ExitReason resolveExit(ExitReason reason, ServerRef ref, @Nullable CrashReport before) {
        if (!(reason instanceof ExitReason.NoProc)) {
            return reason;
        }
        CrashReport after = ref.info().lastCrash();
        return after != null && after != before ? after.reason() : ExitReason.NORMAL;
    }

    /**
     * Stops a child's running server as its shutdown says and returns how it exited; nothing when
     * it was not running. The server is left waiting in RESTARTING (or closed, when the
     * runtime is closing).
     */
    static @Nullable ExitReason shutdown(ProcessRuntime runtime, ServerRef ref, Shutdown how) {
        CompletableFuture<ExitReason> exit = ref.onExit();
        if (exit.isDone()) {
            return null;
        }
        try {
            switch (how) {
                case Shutdown.BrutalKill b -> runtime.exit(ref, ExitReason.KILL);
                case Shutdown.Timeout t -> ref.stop(ExitReason.SHUTDOWN, t.duration());
                case Shutdown.Infinity i -> ref.stop(ExitReason.SHUTDOWN, ServerRef.INFINITY);
            }
        } catch (NoProcessException alreadyGone) {
            // It exited on its own meanwhile; its exit future tells how.
        }
        try {
            // Completed by the thread that ended the server, right after stop() or exit() returned.
            return exit.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitReason.KILLED;
        } catch (ExecutionException | TimeoutException e) {
            return ExitReason.KILLED;
        }
    }

    /** Whether {@code reason} is what stopping a child with {@code how} should produce (OTP's shutdown check). */
    static boolean expectedShutdown(@Nullable ExitReason reason, Shutdown how, RestartType restart) {
        if (reason == null || reason.equals(ExitReason.SHUTDOWN)) {
            return true;
        }
        if (how instanceof Shutdown.BrutalKill && reason instanceof ExitReason.Killed) {
            return true;
        }
        return restart != RestartType.PERMANENT && reason.isNormal();
    }

    /** Ends a child's server for good; queued calls fail at once and casts become dead letters. */
    static void discard(ProcessRuntime runtime, ServerRef ref, ExitReason reason) {
        try {
            RuntimeAccess.SUPERVISION.discard(runtime, ref, reason);
        } catch (RuntimeException stillRunning) {
            // Cannot happen for a server its supervisor has stopped; kill it rather than leak it.
            runtime.exit(ref, ExitReason.KILL);
            try {
                RuntimeAccess.SUPERVISION.discard(runtime, ref, reason);
            } catch (RuntimeException ignored) {
                SupervisorProcess.log.warn("could not discard server {}: {}", ref.displayName(), ignored.toString());
            }
        }
    }

    /** The exit reason that describes a failed start. */
    static ExitReason failureReason(RuntimeException e) {
        return switch (e) {
            case StartFailedException s -> s.reason();
            case AlreadyStartedException a -> ExitReason.error("already started: " + a.holder());
            default -> ExitReason.crash(e);
        };
    }

    /** Whether a start failed because the runtime is closing (the runtime says so with an IllegalStateException). */
    static boolean runtimeClosed(RuntimeException e) {
        return e instanceof IllegalStateException && e.getMessage() != null
                && e.getMessage().startsWith("the runtime is closed");
    }
}
