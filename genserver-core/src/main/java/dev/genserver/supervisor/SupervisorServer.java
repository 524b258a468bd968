package dev.genserver.supervisor;

import dev.genserver.process.AlreadyStartedException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The supervisor process: OTP's {@code supervisor} behaviour for static children. Everything here
 * runs on the supervisor's own thread, one message at a time; only {@link ChildRecord#generation} and
 * the {@link Reaper} are read from other threads.
 *
 * <p>Children are not linked to the supervisor. Each child's server is started restartable and
 * watched through the exit future of its current incarnation ({@link ServerRef#onExit()}); an exit
 * arrives as a {@link Protocol.ChildExited} message tagged with the generation of the incarnation,
 * so that notices about incarnations the supervisor itself stopped are recognised as stale (OTP's
 * {@code unlink_flush}). A restart calls {@code SupervisorAccess.restart}, so the child keeps its
 * name and mailbox; giving up calls {@code SupervisorAccess.discard}.
 */
final class SupervisorServer extends SupervisorProcess<SupervisorServer> {

    /** How an attempt to start or restart a child went. */
    private sealed interface Outcome {
        record Started(ServerRef ref) implements Outcome {
        }

        record Ignored() implements Outcome {
        }

        record Failed(ExitReason reason, RuntimeException error, boolean runtimeClosed) implements Outcome {
        }
    }

    private static final Outcome IGNORED = new Outcome.Ignored();

    private final SupervisorSpec spec;
    /**
     * The children by id, in start order: the order of one-for-all and rest-for-one restarts and
     * of shutdown (reversed). A restarted or terminated child keeps its place; a new one goes last.
     */
    private final LinkedHashMap<String, ChildRecord> children = new LinkedHashMap<>();

    SupervisorServer(SupervisorSpec spec) {
        super(spec.maxRestarts(), spec.period(), spec.backoff());
        this.spec = spec;
    }

    // ---- init and terminate -----------------------------------------------------------------

    @Override
    public Init<SupervisorServer> init(ServerContext context) {
        begin(context);
        for (ChildSpec childSpec : spec.children()) {
            ChildRecord child = new ChildRecord(childSpec);
            Outcome outcome = startFresh(child);
            switch (outcome) {
                case Outcome.Started s -> children.put(child.id(), child);
                case Outcome.Ignored i -> {
                    if (childSpec.restart() != RestartType.TEMPORARY) {
                        children.put(child.id(), child);
                    }
                }
                case Outcome.Failed f -> {
                    log.error("supervisor {}: failed to start child {}: {}; stopping the {} children already "
                            + "started, in reverse order", name, childSpec.id(), f.reason(), children.size());
                    terminateChildren();
                    return Init.stop(ExitReason.shutdown(new FailedToStartChild(childSpec.id(), f.reason())));
                }
            }
        }
        return Init.ok(this);
    }

    @Override
    public void terminate(ExitReason reason, SupervisorServer state) {
        terminateChildren();
    }

    /** Stops every child, newest first, each as its shutdown says, and ends their servers. */
    private void terminateChildren() {
        for (ChildRecord child : List.copyOf(children.sequencedValues().reversed())) {
            try {
                if (child.status == ChildStatus.RUNNING) {
                    stopChild(child);
                }
                releaseServer(child, ExitReason.SHUTDOWN);
                child.status = ChildStatus.UNDEFINED;
            } catch (RuntimeException e) {
                log.error("supervisor {}: could not shut down child {}: {}", name, child.id(), e.toString());
            }
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    @Override
    public Result<SupervisorServer> handleCall(Object request, ReplyTo from, SupervisorServer state) {
        Object reply = switch (request) {
            case Protocol.StartChild(ChildSpec childSpec) -> startChild(childSpec);
            case Protocol.TerminateChild(String id) -> terminateChild(id);
            case Protocol.RestartChild(String id) -> restartChild(id);
            case Protocol.DeleteChild(String id) -> deleteChild(id);
            case Protocol.GetChildSpec(String id) -> Optional.ofNullable(children.get(id)).map(c -> c.spec);
            case Protocol.WhichChildren w -> ChildRecord.infos(children.values());
            case Protocol.CountChildren c -> ChildRecord.counts(children.values());
            default -> null;
        };
        return reply == null ? Result.unhandled(this) : Result.reply(reply, this);
    }

    private Object startChild(ChildSpec childSpec) {
        try {
            SupervisorSpec.validateChild(childSpec, spec.autoShutdown());
        } catch (IllegalArgumentException e) {
            return new Protocol.Failure(e);
        }
        ChildRecord existing = children.get(childSpec.id());
        if (existing != null) {
            return new Protocol.Failure(existing.status == ChildStatus.RUNNING
                    ? new ChildAlreadyStartedException(name, existing.id(), existing.ref)
                    : new ChildAlreadyPresentException(name, existing.id()));
        }
        ChildRecord child = new ChildRecord(childSpec);
        return switch (startFresh(child)) {
            case Outcome.Started s -> {
                children.put(child.id(), child);
                yield new StartResult.Started(s.ref());
            }
            case Outcome.Ignored i -> {
                if (childSpec.restart() != RestartType.TEMPORARY) {
                    children.put(child.id(), child);
                }
                yield new StartResult.Ignored(childSpec.options().name());
            }
            case Outcome.Failed f -> new Protocol.Failure(startError(child, f));
        };
    }

    private Object terminateChild(String id) {
        ChildRecord child = children.get(id);
        if (child == null) {
            return new Protocol.Failure(new ChildNotFoundException(name, "terminate", id));
        }
        if (child.status == ChildStatus.RUNNING) {
            stopChild(child);
        }
        boolean carriedRestart = child.pending != 0;
        forget(child, ExitReason.SHUTDOWN);
        if (carriedRestart) {
            resumeWaiting();
        }
        log.info("supervisor {}: terminated child {} on request", name, id);
        return Protocol.Ok.OK;
    }

    private Object restartChild(String id) {
        ChildRecord child = children.get(id);
        if (child == null) {
            return new Protocol.Failure(new ChildNotFoundException(name, "restart", id));
        }
        switch (child.status) {
            case RUNNING -> {
                return new Protocol.Failure(new ChildRunningException(name, "restart", id));
            }
            case RESTARTING -> {
                return new Protocol.Failure(new ChildRestartingException(name, "restart", id));
            }
            case UNDEFINED -> {
                return switch (startFresh(child)) {
                    case Outcome.Started s -> new StartResult.Started(s.ref());
                    case Outcome.Ignored i -> new StartResult.Ignored(child.spec.options().name());
                    case Outcome.Failed f -> new Protocol.Failure(startError(child, f));
                };
            }
        }
        throw new IllegalStateException(child.status.toString());
    }

    private Object deleteChild(String id) {
        ChildRecord child = children.get(id);
        if (child == null) {
            return new Protocol.Failure(new ChildNotFoundException(name, "delete", id));
        }
        return switch (child.status) {
            case RUNNING -> new Protocol.Failure(new ChildRunningException(name, "delete", id));
            case RESTARTING -> new Protocol.Failure(new ChildRestartingException(name, "delete", id));
            case UNDEFINED -> {
                children.remove(id);
                yield Protocol.Ok.OK;
            }
        };
    }

    private RuntimeException startError(ChildRecord child, Outcome.Failed f) {
        if (f.error() instanceof AlreadyStartedException a) {
            return a;
        }
        return new ChildStartFailedException(name, child.id(), f.reason(), f.reason(), f.error());
    }

    // ---- exits and restarts -------------------------------------------------------------------

    @Override
    public Result<SupervisorServer> handleInfo(Object message, SupervisorServer state) {
        return switch (message) {
            case Protocol.ChildExited exited -> childExited(exited);
            case Protocol.TryAgain(Object c, long token) -> {
                ChildRecord child = pendingChild(c, token);
                yield child == null ? Result.noReply(this) : restart(child);
            }
            case Protocol.DelayedRestart(Object c, long token) -> {
                ChildRecord child = pendingChild(c, token);
                yield child == null ? Result.noReply(this) : startGroup(child);
            }
            case ExitSignal signal -> exitSignal(signal);
            default -> Result.unhandled(this);
        };
    }

    private Result<SupervisorServer> childExited(Protocol.ChildExited exited) {
        if (!(exited.child() instanceof ChildRecord child) || !isCurrent(child)
                || child.generation != exited.generation() || child.status != ChildStatus.RUNNING) {
            return Result.noReply(this); // stale: the supervisor ended that incarnation itself
        }
        ExitReason reason = exited.reason();
        RestartType type = child.spec.restart();
        if (type.restartsAfter(reason)) {
            if (reason.isNormal() && !child.server().isAlive()) {
                // Ended for good by someone else (the runtime is closing, typically): not a crash.
                log.debug("supervisor {}: child {} ended with {}; starting it again", name, child.id(), reason);
            } else {
                log.error("supervisor {}: child {} ({}) exited with {}; restarting it ({})", name, child.id(),
                        child.server().displayName(), reason, type.name().toLowerCase());
            }
            child.status = ChildStatus.RESTARTING;
            return restart(child);
        }
        if (reason.isNormal()) {
            log.debug("supervisor {}: child {} exited with {}; not restarting it ({})", name, child.id(), reason,
                    type.name().toLowerCase());
        } else {
            log.error("supervisor {}: child {} ({}) exited with {}; not restarting it (temporary)", name,
                    child.id(), child.server().displayName(), reason);
        }
        forget(child, reason);
        return autoShutdown(child);
    }

    /** OTP's {@code restart/2}: count the restart, then restart as the strategy says. */
    private Result<SupervisorServer> restart(ChildRecord child) {
        long now = budget.now();
        if (!budget.admit(now)) {
            log.error("supervisor {}: reached the maximum restart intensity ({}) when child {} had to be "
                    + "restarted; shutting down all children and exiting with shutdown", name, budget.describe(),
                    child.id());
            forget(child, ExitReason.SHUTDOWN);
            return Result.stop(ExitReason.SHUTDOWN, this);
        }
        List<ChildRecord> group = group(child);
        // Stop the others of the group that still run, newest first. A restart of theirs that was
        // pending (a backoff delay) is now part of this one, which starts them in order.
        for (int i = group.size() - 1; i >= 0; i--) {
            ChildRecord member = group.get(i);
            if (member != child) {
                member.pending = 0;
            }
            if (member == child || member.status != ChildStatus.RUNNING) {
                continue;
            }
            stopChild(member);
            if (member.spec.restart() == RestartType.TEMPORARY) {
                forget(member, ExitReason.SHUTDOWN);
            } else {
                member.status = ChildStatus.RESTARTING;
            }
        }
        child.status = ChildStatus.RESTARTING;
        Duration delay = budget.delay(child, now);
        if (!delay.isZero()) {
            long token = budget.nextToken();
            child.pending = token;
            log.info("supervisor {}: restarting child {} in {} ms (backoff)", name, child.id(), delay.toMillis());
            ctx.sendAfter(new Protocol.DelayedRestart(child, token), delay);
            return Result.noReply(this);
        }
        return startGroup(child);
    }

    /** Starts the members of {@code child}'s group that do not run, in start order. */
    private Result<SupervisorServer> startGroup(ChildRecord child) {
        child.pending = 0;
        for (ChildRecord member : group(child)) {
            if (member.status == ChildStatus.RUNNING) {
                continue;
            }
            Outcome outcome = member.ref != null ? restartServer(member) : startFresh(member);
            if (outcome instanceof Outcome.Failed f) {
                if (f.runtimeClosed() || reaper.reaping()) {
                    log.debug("supervisor {}: the runtime is closing; not restarting child {}", name, member.id());
                    forget(member, ExitReason.SHUTDOWN);
                    return Result.stop(ExitReason.SHUTDOWN, this);
                }
                log.error("supervisor {}: failed to restart child {}: {}; trying again", name, member.id(),
                        f.reason());
                member.status = ChildStatus.RESTARTING;
                long token = budget.nextToken();
                member.pending = token;
                // Like OTP, let the mailbox in (a shutdown request, say) before trying again.
                self.send(new Protocol.TryAgain(member, token));
                return Result.noReply(this);
            }
            if (outcome instanceof Outcome.Started) {
                log.info("supervisor {}: restarted child {} ({})", name, member.id(), member.server().displayName());
            }
        }
        return Result.noReply(this);
    }

    /**
     * The child just terminated carried the pending restart of its group (a backoff delay or a
     * try-again); hand it over to the first sibling still waiting, so that none waits for ever.
     */
    private void resumeWaiting() {
        for (ChildRecord c : children.values()) {
            if (c.status == ChildStatus.RESTARTING && c.pending == 0) {
                long token = budget.nextToken();
                c.pending = token;
                self.send(new Protocol.DelayedRestart(c, token));
                return;
            }
        }
    }

    /** The children restarted together with {@code child}, in start order. */
    private List<ChildRecord> group(ChildRecord child) {
        return switch (spec.strategy()) {
            case ONE_FOR_ONE -> List.of(child);
            case ONE_FOR_ALL -> new ArrayList<>(children.values());
            case REST_FOR_ONE -> {
                List<ChildRecord> rest = new ArrayList<>();
                for (ChildRecord c : children.values()) {
                    if (c == child || !rest.isEmpty()) {
                        rest.add(c);
                    }
                }
                yield rest;
            }
        };
    }

    private Result<SupervisorServer> autoShutdown(ChildRecord child) {
        if (!child.spec.significant()) {
            return Result.noReply(this);
        }
        boolean stop = switch (spec.autoShutdown()) {
            case NEVER -> false;
            case ANY_SIGNIFICANT -> true;
            case ALL_SIGNIFICANT -> children.values().stream()
                    .noneMatch(c -> c.spec.significant() && c.status != ChildStatus.UNDEFINED);
        };
        if (!stop) {
            return Result.noReply(this);
        }
        log.info("supervisor {}: significant child {} exited; auto shutdown ({})", name, child.id(),
                spec.autoShutdown());
        return Result.stop(ExitReason.SHUTDOWN, this);
    }

    private Result<SupervisorServer> exitSignal(ExitSignal signal) {
        if (signal.reason() instanceof ExitReason.Normal) {
            return Result.noReply(this);
        }
        if (signal.from() != null) {
            for (ChildRecord child : children.values()) {
                if (signal.from().equals(child.ref)) {
                    return Result.noReply(this); // children are watched through their exit futures
                }
            }
        }
        log.info("supervisor {}: exit signal {} from {}; shutting down", name, signal.reason(),
                signal.from() == null ? "outside" : signal.from().displayName());
        return Result.stop(signal.reason(), this);
    }

    // ---- starting and stopping one child ------------------------------------------------------

    /** Starts a child that has no server, through its starter. */
    private Outcome startFresh(ChildRecord child) {
        ChildSpec childSpec = child.spec;
        StartResult result;
        try {
            result = childSpec.starter().start(runtime, childSpec.supplier(), childSpec.supervisedOptions());
            if (result == null) {
                throw new IllegalStateException("the starter of child " + childSpec.id() + " returned null");
            }
        } catch (RuntimeException e) {
            return failed(e);
        }
        if (!result.isStarted()) {
            child.ref = null;
            child.status = ChildStatus.UNDEFINED;
            log.debug("supervisor {}: child {} ignored its start", name, childSpec.id());
            return IGNORED;
        }
        watch(child, result.ref(), null);
        log.debug("supervisor {}: started child {} ({})", name, childSpec.id(), result.ref().displayName());
        return new Outcome.Started(result.ref());
    }

    /** Restarts a child's waiting server, keeping its name and mailbox. */
    private Outcome restartServer(ChildRecord child) {
        ServerRef ref = child.server();
        CrashReport before = ref.info().lastCrash();
        StartResult result;
        try {
            result = RuntimeAccess.SUPERVISION.restart(runtime, ref);
        } catch (StartFailedException e) {
            return failed(e);
        } catch (IllegalStateException e) {
            if (!ref.isAlive()) {
                // Its server is gone for good (not restartable, or the runtime is closing): start afresh.
                reaper.disown(ref);
                child.ref = null;
                return startFresh(child);
            }
            return failed(e);
        } catch (RuntimeException e) {
            return failed(e);
        }
        if (!result.isStarted()) {
            releaseServer(child, ExitReason.NORMAL);
            child.status = ChildStatus.UNDEFINED;
            log.debug("supervisor {}: child {} ignored its restart", name, child.id());
            return IGNORED;
        }
        watch(child, ref, before);
        return new Outcome.Started(ref);
    }

    private Outcome failed(RuntimeException e) {
        return new Outcome.Failed(ChildOps.failureReason(e), e, ChildOps.runtimeClosed(e));
    }

    /** Stops a running child as its shutdown says; its server waits in RESTARTING afterwards. */
    private void stopChild(ChildRecord child) {
        child.generation++;
        ServerRef ref = child.server();
        ExitReason reason = ChildOps.shutdown(runtime, ref, child.spec.shutdown());
        if (!ChildOps.expectedShutdown(reason, child.spec.shutdown(), child.spec.restart())) {
            log.error("supervisor {}: child {} ({}) did not shut down cleanly: {}", name, child.id(),
                    ref.displayName(), reason);
        }
        child.status = ChildStatus.RESTARTING;
    }

    /** OTP's {@code del_child}: a temporary child is forgotten, any other keeps its spec with no server. */
    private void forget(ChildRecord child, ExitReason reason) {
        releaseServer(child, reason);
        child.pending = 0;
        if (child.spec.restart() == RestartType.TEMPORARY) {
            children.remove(child.id(), child);
        }
        child.status = ChildStatus.UNDEFINED;
    }

    /** Ends the child's (not running) server for good: its queued callers fail at once. */
    private void releaseServer(ChildRecord child, ExitReason reason) {
        ServerRef ref = child.ref;
        if (ref != null) {
            child.generation++;
            ChildOps.discard(runtime, ref, reason);
            reaper.disown(ref);
            child.ref = null;
        }
    }

    // ---- lookups ------------------------------------------------------------------------------

    /** Whether {@code child} is still this supervisor's (not deleted, not a forgotten temporary one). */
    private boolean isCurrent(ChildRecord child) {
        return children.get(child.id()) == child;
    }

    private @Nullable ChildRecord pendingChild(Object c, long token) {
        return c instanceof ChildRecord child && isCurrent(child) && child.pending == token
                && child.status == ChildStatus.RESTARTING ? child : null;
    }

    @Override
    public String toString() {
        return "Supervisor[" + spec.strategy() + ", restarts=" + (budget == null ? 0 : budget.restarts())
                + ", children=" + children.values() + "]";
    }
}
