package dev.genserver.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of a {@link ProcessCell}'s loop that is not a user message: running init, an orderly
 * stop (with its optional drain), and the inspection requests of OTP's {@code :sys} module.
 *
 * <p>Static methods over the cell, not an object per server (the idle-server footprint is a
 * benchmarked figure). Everything here runs on the cell's runner thread.
 */
final class SystemRequests {

    private static final Logger log = LoggerFactory.getLogger("dev.genserver.process");

    private SystemRequests() {
    }

    /** Inspection requests: queued in mailbox order as {@link Envelope.Sys}. */
    sealed interface Inspection {
        CompletableFuture<Object> result();

        record GetState(CompletableFuture<Object> result) implements Inspection {
        }

        record FormatState(CompletableFuture<Object> result) implements Inspection {
        }

        record ReplaceState(UnaryOperator<Object> update, CompletableFuture<Object> result) implements Inspection {
        }

        record Suspend(boolean suspend, CompletableFuture<Object> result) implements Inspection {
        }
    }

    /** Requests handled by the loop before any message (after a pending init): stop. */
    sealed interface SystemRequest {

        record Stop(Incarnation incarnation, ExitReason reason, long deadline) implements SystemRequest {
        }
    }

    static void handle(ProcessCell cell, SystemRequest request) {
        switch (request) {
            case SystemRequest.Stop stop -> runStop(cell, stop);
        }
    }

    static void runInit(ProcessCell cell, Incarnation inc) {
        if (inc.isDead() || cell.current != inc) {
            return;
        }
        cell.setInFlightSince(System.nanoTime());
        Init<Object> outcome;
        try {
            outcome = Outcomes.intercepted(cell, HandlerInterceptor.Kind.INIT, null, () -> inc.server.init(inc));
            if (outcome == null) {
                throw new IllegalStateException(cell.serverType + ".init returned null; return Init.ok(state)");
            }
        } catch (Throwable t) {
            initEnded(cell, inc, new Incarnation.InitOutcome.Failed(ExitReason.crash(t)), ExitReason.crash(t));
            return;
        }
        if (inc.isDead()) {
            return;
        }
        switch (outcome) {
            case Init.Ok<Object> ok -> {
                inc.state = ok.state();
                cell.suspended = false;
                if (!inc.goLive(() -> {
                    cell.startedAt = System.currentTimeMillis();
                    cell.status = ServerStatus.RUNNING;
                })) {
                    return; // killed during init: its killer answered the starter
                }
                inc.decideInit(Incarnation.InitOutcome.STARTED);
                cell.runtime.started(cell, inc.restart);
                if (!(ok.next() instanceof Next.None)) {
                    Outcomes.apply(cell, inc, null, Result.noReply(ok.state()).with(ok.next()));
                }
            }
            case Init.Ignore<Object> ignore ->
                    initEnded(cell, inc, new Incarnation.InitOutcome.Ignored(), ExitReason.NORMAL);
            case Init.Stop<Object> stop ->
                    initEnded(cell, inc, new Incarnation.InitOutcome.Failed(stop.reason()), stop.reason());
        }
    }

    /** init said ignore, stop or threw: no terminate; a first start frees the name at once. */
    private static void initEnded(ProcessCell cell, Incarnation inc, Incarnation.InitOutcome outcome,
                                  ExitReason reason) {
        if (!inc.die(reason)) {
            return;
        }
        cell.current = null;
        if (!reason.isNormal()) {
            cell.lastCrash = CrashReport.of(reason, null);
        }
        if (inc.restart) {
            cell.status = ServerStatus.RESTARTING;
        } else {
            cell.close(reason);
        }
        inc.signalExit(reason);
        inc.decideInit(outcome);
    }

    private static void runStop(ProcessCell cell, SystemRequest.Stop stop) {
        Incarnation inc = stop.incarnation();
        if (inc != cell.current || inc.phase != Incarnation.LIVE) {
            return;
        }
        if (cell.options.drainOnStop()) {
            Envelope e;
            while (!inc.isDead() && System.nanoTime() - stop.deadline() < 0 && (e = nextForDrain(cell)) != null) {
                if (e instanceof Envelope.Sys sys) {
                    runInspection(cell, inc, sys.request());
                } else {
                    cell.publishInFlight(e);
                    cell.handleUser(inc, e);
                    cell.clearInFlightRelease();
                }
            }
            if (inc.isDead()) {
                return;
            }
        }
        Outcomes.terminate(cell, inc, stop.reason());
        Outcomes.exit(cell, inc, stop.reason(), null);
    }

    private static @Nullable Envelope nextForDrain(ProcessCell cell) {
        Envelope e = cell.stash;
        if (e != null) {
            cell.stash = null;
            return e;
        }
        return cell.pollMessage();
    }

    static void runInspection(ProcessCell cell, Incarnation inc, Inspection request) {
        CompletableFuture<Object> result = request.result();
        switch (request) {
            case Inspection.GetState g -> {
                Object shown;
                try {
                    shown = inc.server.inspectState(inc.state);
                } catch (Throwable t) {
                    result.completeExceptionally(new GenServerException("getState on " + cell.displayName()
                            + ": the server's inspectState threw " + t, cell.displayName(), null, t));
                    return;
                }
                result.complete(shown);
            }
            case Inspection.FormatState f -> {
                Object shown;
                try {
                    shown = inc.server.formatStatus(inc.state);
                } catch (Throwable t) {
                    log.warn("redaction hook of server {} threw {}; showing nothing", cell.displayName(), t.toString());
                    result.complete(Optional.empty());
                    return;
                }
                result.complete(Optional.ofNullable(shown));
            }
            case Inspection.ReplaceState r -> {
                Object next;
                Object held;
                try {
                    next = r.update().apply(inc.server.inspectState(inc.state));
                    held = inc.server.replaceInspectedState(inc.state, next);
                } catch (Throwable t) {
                    result.completeExceptionally(new GenServerException("replaceState on " + cell.displayName()
                            + " threw " + t + "; the state is unchanged", cell.displayName(), null, t));
                    return;
                }
                inc.state = held;
                result.complete(next);
            }
            case Inspection.Suspend s -> {
                cell.suspended = s.suspend();
                cell.status = cell.suspended ? ServerStatus.SUSPENDED : ServerStatus.RUNNING;
                result.complete(null);
            }
        }
    }
}
