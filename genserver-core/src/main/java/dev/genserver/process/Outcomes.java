package dev.genserver.process;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a callback of a {@link ProcessCell}: acting on the {@link Result} a handler
 * returned (reply, defer, stop, continue), and everything that ends an incarnation (crash,
 * terminate, exit, the bookkeeping after a death).
 *
 * <p>Static methods over the cell, not an object per server: the idle-server footprint stays as
 * it is, and the JIT inlines these calls into the mailbox loop. Every method here runs on the
 * cell's runner thread, except {@link #afterDeath}, which a killer also runs (see the
 * implementation notes of {@link ProcessCell}).
 */
final class Outcomes {

    private static final Logger log = LoggerFactory.getLogger("dev.genserver.process");

    private Outcomes() {
    }

    /** Runs a callback that is not a message (init, continue, terminate) inside the interceptor's scope. */
    static <T> T intercepted(ProcessCell cell, HandlerInterceptor.Kind kind, @Nullable Object argument,
                             Callable<T> callback) throws Exception {
        HandlerInterceptor hi = cell.runtime.interceptor();
        if (hi == null) {
            return callback.call();
        }
        HandlerInterceptor.Scope scope = hi.beforeHandle(cell, kind, argument, null);
        T value;
        try {
            value = callback.call();
        } catch (Throwable t) {
            scope.end(t);
            throw t;
        }
        scope.end(null);
        return value;
    }

    /** A call whose handler ran while the server was killed: its caller still gets an answer. */
    static void answerKilled(ProcessCell cell, Incarnation inc, @Nullable CallEnvelope call) {
        if (call != null && call.isPending()) {
            call.failWith(new ServerStoppedException(cell.displayName(), GenServerException.typeOf(call.message),
                    inc.deathReason));
        }
    }

    /**
     * Acts on a callback's result, then runs any continue chain.
     *
     * @param e the message handled; absent for init's and continue's results
     */
    static void apply(ProcessCell cell, Incarnation inc, @Nullable Envelope e, Result<Object> result) {
        for (;;) {
            CallEnvelope call = e instanceof CallEnvelope c ? c : null;
            switch (result) {
                case Result.Reply<Object> reply -> {
                    if (call == null) {
                        inc.state = reply.state();
                        crash(cell, inc, new IllegalStateException(cell.serverType + " returned Result.reply from "
                                + (e == null ? "handleContinue" : "its " + e.kind() + " handler for "
                                + GenServerException.typeOf(e.message)) + "; only a call can be answered"), e);
                        return;
                    }
                    inc.state = reply.state();
                    call.reply(reply.value());
                }
                case Result.NoReply<Object> noReply -> {
                    inc.state = noReply.state();
                    if (call != null && call.isPending()) {
                        inc.holdDeferred(call);
                    }
                }
                case Result.Unhandled<Object> unhandled -> {
                    inc.state = unhandled.state();
                    unhandled(cell, e, call);
                }
                case Result.Stop<Object> stop -> {
                    inc.state = stop.state();
                    terminate(cell, inc, stop.reason());
                    if (call != null && stop.withReply()) {
                        call.reply(stop.reply());
                    }
                    exit(cell, inc, stop.reason(), e);
                    return;
                }
            }
            switch (result.next()) {
                case Next.None none -> {
                    return;
                }
                case Next.Timeout t -> {
                    inc.pendingTimeout = t.after();
                    return;
                }
                case Next.Hibernate h -> {
                    inc.hibernating = true;
                    return;
                }
                case Next.Continue c -> {
                    e = null;
                    try {
                        Object state = inc.state;
                        result = intercepted(cell, HandlerInterceptor.Kind.CONTINUE, c.argument(),
                                () -> inc.server.handleContinue(c.argument(), state));
                        if (result == null) {
                            throw new IllegalStateException(cell.serverType + " returned null from handleContinue");
                        }
                    } catch (Throwable t) {
                        if (!inc.isDead()) {
                            crash(cell, inc, t, null);
                        }
                        return;
                    }
                    if (inc.isDead()) {
                        return;
                    }
                }
            }
        }
    }

    private static void unhandled(ProcessCell cell, @Nullable Envelope e, @Nullable CallEnvelope call) {
        if (e == null) {
            return;
        }
        if (call != null) {
            call.failWith(new NoHandlerException(cell.displayName(), cell.serverType,
                    GenServerException.typeOf(e.message)));
        } else if (e instanceof Envelope.Cast) {
            cell.addDeadLetter();
            cell.runtime.deadLetter(cell, e.message, "no cast handler in " + cell.serverType);
        } else {
            log.debug("server {} has no info handler for {}; dropped", cell.displayName(),
                    GenServerException.typeOf(e.message));
        }
    }

    /**
     * A callback threw: terminate, exit. The caller of the message, if a call, fails with a
     * {@link CallFailedException} around what was thrown; a {@link CallCycleException} that
     * escaped the handler is passed on as itself instead, so that every caller up a cycle sees the
     * cycle (see that class).
     */
    static void crash(ProcessCell cell, Incarnation inc, Throwable t, @Nullable Envelope e) {
        if (e instanceof CallEnvelope call) {
            call.failWith(t instanceof CallCycleException cycle ? cycle.relayed()
                    : new CallFailedException(cell.displayName(), GenServerException.typeOf(call.message), t));
        }
        ExitReason reason = ExitReason.crash(t);
        terminate(cell, inc, reason);
        exit(cell, inc, reason, e);
    }

    static void terminate(ProcessCell cell, Incarnation inc, ExitReason reason) {
        try {
            Object state = inc.state;
            intercepted(cell, HandlerInterceptor.Kind.TERMINATE, reason, () -> {
                inc.server.terminate(reason, state);
                return null;
            });
        } catch (Throwable t) {
            log.error("terminate of server {} threw while stopping with {}; the stop goes on", cell.displayName(),
                    reason, t);
        }
    }

    /** Ends {@code inc} on its own thread, after terminate. */
    static void exit(ProcessCell cell, Incarnation inc, ExitReason reason, @Nullable Envelope last) {
        if (inc.die(reason)) {
            afterDeath(cell, inc, reason, last);
        }
    }

    /**
     * Everything that follows a death, whoever caused it: the runner (exit) or a killer. Runs once
     * per incarnation, by the thread whose {@link Incarnation#die} succeeded.
     */
    static void afterDeath(ProcessCell cell, Incarnation inc, ExitReason reason, @Nullable Envelope last) {
        if (last instanceof CallEnvelope call && call.isPending()) {
            call.failWith(new ServerStoppedException(cell.displayName(), GenServerException.typeOf(call.message),
                    reason));
        }
        ProcessCell.cancelTimeout(inc);
        if (inc.phase != Incarnation.DEAD) {
            throw new IllegalStateException("afterDeath on a live incarnation");
        }
        boolean wasLive = inc.initDecided();
        if (!wasLive) {
            inc.decideInit(new Incarnation.InitOutcome.Failed(reason));
        }
        if (!reason.isNormal()) {
            cell.lastCrash = CrashReport.of(reason, last == null ? null : last.message);
            if (wasLive) {
                cell.runtime.crashLog().report(cell, inc, reason, last);
            }
        }
        cell.startedAt = 0;
        cell.current = null;
        StartOptions options = cell.options;
        boolean closed = false;
        if (options.restartable() && !cell.runtime.isClosing() && (wasLive || inc.restart)) {
            // Drop first: whoever sees RESTARTING may rely on the pending callers being answered.
            if (!reason.isNormal() && options.mailboxOnCrash() == MailboxOnCrash.DROP) {
                cell.rejectQueued(reason);
            }
            cell.status = ServerStatus.RESTARTING;
        } else {
            closed = cell.closeQuietly(reason);
        }
        inc.signalExit(reason);
        cell.runtime.exited(cell, reason);
        if (closed) {
            cell.runtime.closed(cell, reason);
        }
    }

    /** The state as the server's redaction hook shows it; a hook that throws shows nothing (fail closed). */
    static Object redacted(Incarnation inc) {
        try {
            return inc.server.formatStatus(inc.state);
        } catch (Throwable t) {
            return "<redaction failed: " + t.getClass().getName() + ">";
        }
    }
}
