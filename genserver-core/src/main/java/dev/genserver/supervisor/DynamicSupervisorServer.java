package dev.genserver.supervisor;

import dev.genserver.process.CrashReport;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ExitSignal;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The dynamic supervisor process: Elixir's {@code DynamicSupervisor}.
 *
 * <p>OTP's bottleneck is that a child's init runs inside the supervisor, so one slow init holds up
 * every other start. Here the supervisor never runs a child's init on its own thread:
 * <ul>
 *   <li>a start reserves a slot ({@link Protocol.Reserve}, which keeps {@code maxChildren} exact),
 *       starts the child on the caller's thread, then hands it over ({@link Protocol.Adopt});</li>
 *   <li>a restart runs on a virtual thread of its own and reports back
 *       ({@link Protocol.RestartDone}).</li>
 * </ul>
 * The supervisor itself only does bookkeeping, so starts and restarts of different children
 * proceed in parallel. Shutdown stops all children concurrently, as OTP does for dynamic children.
 */
final class DynamicSupervisorServer extends SupervisorProcess<DynamicSupervisorServer> {

    /** One child, with the restart that may be running on a thread of its own. */
    static final class Child extends ChildRecord {
        /** The thread running this child's restart, if one runs. */
        @Nullable Thread restarter;
        /** A server that the restart thread started afresh, for {@link DynamicSupervisorServer#terminate} to find. */
        volatile @Nullable ServerRef freshRef;

        Child(ChildSpec spec) {
            super(spec);
        }
    }

    private final DynamicSupervisorSpec spec;
    /** The children by server, in start order (a child restarted afresh, with a new server, goes last). */
    private final LinkedHashMap<ServerRef, Child> children = new LinkedHashMap<>();
    private final Set<Long> reservations = new HashSet<>();

    DynamicSupervisorServer(DynamicSupervisorSpec spec) {
        super(spec.maxRestarts(), spec.period(), spec.backoff());
        this.spec = spec;
    }

    @Override
    public Init<DynamicSupervisorServer> init(ServerContext context) {
        begin(context);
        return Init.ok(this);
    }

    // ---- calls --------------------------------------------------------------------------------

    @Override
    public Result<DynamicSupervisorServer> handleCall(Object request, ReplyTo from, DynamicSupervisorServer state) {
        Object reply = switch (request) {
            case Protocol.Reserve r -> reserve();
            case Protocol.Adopt adopt -> adopt(adopt);
            case Protocol.Release(long token) -> {
                reservations.remove(token);
                yield Protocol.Ok.OK;
            }
            case Protocol.TerminateRef(ServerRef ref) -> terminateChild(ref);
            case Protocol.WhichChildren w -> ChildRecord.infos(children.values());
            case Protocol.CountChildren c -> ChildRecord.counts(children.values());
            default -> null;
        };
        return reply == null ? Result.unhandled(this) : Result.reply(reply, this);
    }

    private Object reserve() {
        if ((long) children.size() + reservations.size() >= spec.maxChildren()) {
            return new Protocol.Failure(new MaxChildrenException(name, spec.maxChildren()));
        }
        long token = budget.nextToken();
        reservations.add(token);
        return new Protocol.Reservation(token, spec.extraArguments(), runtime);
    }

    private Object adopt(Protocol.Adopt adopt) {
        if (!reservations.remove(adopt.token())) {
            return new Protocol.Failure(new IllegalStateException("dynamic supervisor " + name
                    + " was restarted while child " + adopt.spec().id() + " was starting; the child was stopped, "
                    + "start it again"));
        }
        Child child = new Child(adopt.spec());
        children.put(adopt.ref(), child);
        watch(child, adopt.ref(), null);
        log.debug("dynamic supervisor {}: started child {}", name, adopt.ref().displayName());
        return Protocol.Ok.OK;
    }

    private Object terminateChild(ServerRef ref) {
        Child child = children.get(ref);
        if (child == null) {
            return new Protocol.Failure(new ChildNotFoundException(name, "terminate", String.valueOf(ref)));
        }
        joinRestarter(child);
        stopAndRelease(child);
        children.remove(ref);
        return Protocol.Ok.OK;
    }

    // ---- exits and restarts -------------------------------------------------------------------

    @Override
    public Result<DynamicSupervisorServer> handleInfo(Object message, DynamicSupervisorServer state) {
        return switch (message) {
            case Protocol.ChildExited exited -> childExited(exited);
            case Protocol.RestartDone done -> restartDone(done);
            case Protocol.TryAgain(Object c, long token) -> {
                Child child = pendingChild(c, token);
                yield child == null ? Result.noReply(this) : restart(child);
            }
            case Protocol.DelayedRestart(Object c, long token) -> {
                Child child = pendingChild(c, token);
                if (child != null) {
                    launchRestart(child);
                }
                yield Result.noReply(this);
            }
            case ExitSignal signal -> {
                if (signal.reason() instanceof ExitReason.Normal
                        || (signal.from() != null && children.containsKey(signal.from()))) {
                    yield Result.noReply(this);
                }
                log.info("dynamic supervisor {}: exit signal {}; shutting down", name, signal.reason());
                yield Result.stop(signal.reason(), this);
            }
            default -> Result.unhandled(this);
        };
    }

    private Result<DynamicSupervisorServer> childExited(Protocol.ChildExited exited) {
        if (!(exited.child() instanceof Child child) || children.get(child.ref) != child
                || child.generation != exited.generation() || child.status != ChildStatus.RUNNING) {
            return Result.noReply(this);
        }
        ExitReason reason = exited.reason();
        RestartType type = child.spec.restart();
        if (type.restartsAfter(reason)) {
            if (reason.isNormal() && !child.server().isAlive()) {
                log.debug("dynamic supervisor {}: child {} ended with {}; starting it again", name,
                        child.server().displayName(), reason);
            } else {
                log.error("dynamic supervisor {}: child {} exited with {}; restarting it ({})", name,
                        child.server().displayName(), reason, type.name().toLowerCase());
            }
            child.status = ChildStatus.RESTARTING;
            return restart(child);
        }
        if (!reason.isNormal()) {
            log.error("dynamic supervisor {}: child {} exited with {}; not restarting it (temporary)", name,
                    child.server().displayName(), reason);
        }
        remove(child, reason);
        return Result.noReply(this);
    }

    private Result<DynamicSupervisorServer> restart(Child child) {
        long now = budget.now();
        if (!budget.admit(now)) {
            log.error("dynamic supervisor {}: reached the maximum restart intensity ({}) when child {} had to be "
                    + "restarted; shutting down all children and exiting with shutdown", name, budget.describe(),
                    child.server().displayName());
            remove(child, ExitReason.SHUTDOWN);
            return Result.stop(ExitReason.SHUTDOWN, this);
        }
        child.status = ChildStatus.RESTARTING;
        Duration delay = budget.delay(child, now);
        if (!delay.isZero()) {
            long token = budget.nextToken();
            child.pending = token;
            ctx.sendAfter(new Protocol.DelayedRestart(child, token), delay);
        } else {
            launchRestart(child);
        }
        return Result.noReply(this);
    }

    /** Restarts the child's server on a thread of its own; the outcome comes back as {@link Protocol.RestartDone}. */
    private void launchRestart(Child child) {
        long token = budget.nextToken();
        child.pending = token;
        child.freshRef = null;
        ServerRef ref = child.server();
        ChildSpec childSpec = child.spec;
        ProcessRuntime rt = runtime;
        ServerRef supervisor = self;
        Reaper owner = reaper;
        child.restarter = Thread.ofVirtual().inheritInheritableThreadLocals(false).start(() -> {
            Protocol.RestartOutcome outcome = restartOnItsOwnThread(rt, ref, childSpec, child, owner);
            supervisor.send(new Protocol.RestartDone(child, token, outcome));
        });
    }

    private static Protocol.RestartOutcome restartOnItsOwnThread(ProcessRuntime rt, ServerRef ref, ChildSpec childSpec,
                                                                Child child, Reaper owner) {
        CrashReport before = ref.info().lastCrash();
        try {
            StartResult result = RuntimeAccess.SUPERVISION.restart(rt, ref);
            if (result.isStarted() && owner.reaping()) {
                owner.own(rt, ref); // the supervisor is gone: kill it at once
            }
            return result.isStarted() ? new Protocol.RestartOutcome.Restarted(ref, before)
                    : new Protocol.RestartOutcome.Ignored();
        } catch (StartFailedException e) {
            return new Protocol.RestartOutcome.Failed(e.reason(), false);
        } catch (IllegalStateException e) {
            if (ref.isAlive()) {
                return new Protocol.RestartOutcome.Failed(ExitReason.crash(e), false);
            }
        } catch (RuntimeException e) {
            return new Protocol.RestartOutcome.Failed(ExitReason.crash(e), false);
        }
        // The server is gone for good (not restartable, or the runtime is closing): start afresh.
        try {
            StartResult result = childSpec.starter().start(rt, childSpec.supplier(), childSpec.supervisedOptions());
            if (!result.isStarted()) {
                return new Protocol.RestartOutcome.Ignored();
            }
            child.freshRef = result.ref();
            owner.own(rt, result.ref());
            return new Protocol.RestartOutcome.Restarted(result.ref(), null);
        } catch (RuntimeException e) {
            return new Protocol.RestartOutcome.Failed(ChildOps.failureReason(e), ChildOps.runtimeClosed(e));
        }
    }

    private Result<DynamicSupervisorServer> restartDone(Protocol.RestartDone done) {
        if (!(done.child() instanceof Child child) || children.get(child.ref) != child || child.pending != done.token()
                || child.status != ChildStatus.RESTARTING) {
            return Result.noReply(this); // terminated meanwhile; terminateChild cleaned up
        }
        child.restarter = null;
        child.pending = 0;
        switch (done.outcome()) {
            case Protocol.RestartOutcome.Restarted r -> {
                if (r.ref() != child.ref) {
                    reaper.disown(child.server());
                    children.remove(child.server());
                    children.put(r.ref(), child);
                }
                watch(child, r.ref(), r.before());
                log.info("dynamic supervisor {}: restarted child {}", name, r.ref().displayName());
            }
            case Protocol.RestartOutcome.Ignored i -> {
                log.debug("dynamic supervisor {}: child {} ignored its restart; forgetting it", name,
                        child.server().displayName());
                remove(child, ExitReason.NORMAL);
            }
            case Protocol.RestartOutcome.Failed f -> {
                if (f.runtimeClosed()) {
                    remove(child, ExitReason.SHUTDOWN);
                    return Result.stop(ExitReason.SHUTDOWN, this);
                }
                log.error("dynamic supervisor {}: failed to restart child {}: {}; trying again", name,
                        child.server().displayName(), f.reason());
                long token = budget.nextToken();
                child.pending = token;
                self.send(new Protocol.TryAgain(child, token));
            }
        }
        return Result.noReply(this);
    }

    // ---- one child ----------------------------------------------------------------------------

    /** Interrupts and waits for a restart in progress; afterwards the child's server is idle or running. */
    private void joinRestarter(Child child) {
        Thread t = child.restarter;
        child.restarter = null;
        child.pending = 0;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the child's server (and any server its restart started afresh) and ends it for good. */
    private void stopAndRelease(Child child) {
        child.generation++;
        List<ServerRef> refs = new ArrayList<>(2);
        refs.add(child.server());
        ServerRef fresh = child.freshRef;
        if (fresh != null && fresh != child.ref) {
            refs.add(fresh);
        }
        for (ServerRef ref : refs) {
            ExitReason reason = ChildOps.shutdown(runtime, ref, child.spec.shutdown());
            if (!ChildOps.expectedShutdown(reason, child.spec.shutdown(), child.spec.restart())) {
                log.error("dynamic supervisor {}: child {} did not shut down cleanly: {}", name, ref.displayName(),
                        reason);
            }
            ChildOps.discard(runtime, ref, ExitReason.SHUTDOWN);
            reaper.disown(ref);
        }
        child.status = ChildStatus.UNDEFINED;
    }

    /** Forgets an exited child and ends its server for good. */
    private void remove(Child child, ExitReason reason) {
        child.generation++;
        child.pending = 0;
        ServerRef ref = child.server();
        children.remove(ref);
        ChildOps.discard(runtime, ref, reason);
        reaper.disown(ref);
        child.status = ChildStatus.UNDEFINED;
    }

    private @Nullable Child pendingChild(Object c, long token) {
        return c instanceof Child child && children.get(child.ref) == child && child.pending == token
                && child.status == ChildStatus.RESTARTING ? child : null;
    }

    // ---- terminate ----------------------------------------------------------------------------

    /** Stops every child concurrently, as OTP stops dynamic children, and waits for all of them. */
    @Override
    public void terminate(ExitReason reason, DynamicSupervisorServer state) {
        List<Child> all = new ArrayList<>(children.values());
        for (Child child : all) {
            joinRestarter(child);
        }
        Map<Child, Thread> stoppers = new HashMap<>();
        for (Child child : all) {
            stoppers.put(child, Thread.ofVirtual().inheritInheritableThreadLocals(false).start(() -> {
                try {
                    stopAndRelease(child);
                } catch (RuntimeException e) {
                    log.error("dynamic supervisor {}: could not shut down child {}: {}", name, child, e.toString());
                }
            }));
        }
        for (Thread t : stoppers.values()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // killed while shutting down: the reaper kills what is left
            }
        }
        children.clear();
    }

    @Override
    public String toString() {
        return "DynamicSupervisor[children=" + children.size() + ", restarts="
                + (budget == null ? 0 : budget.restarts()) + ", maxChildren="
                + (spec.maxChildren() == Integer.MAX_VALUE ? "infinity" : spec.maxChildren()) + "]";
    }
}
