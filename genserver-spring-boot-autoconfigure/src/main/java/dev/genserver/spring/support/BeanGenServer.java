package dev.genserver.spring.support;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.Init;
import dev.genserver.process.Next;
import dev.genserver.process.NoHandlerException;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.ReplyException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;

/**
 * Runs one instance of a {@link dev.genserver.spring.annotation.GenServer} bean as a core
 * {@link GenServer}: the state is the bean instance itself, and each message is dispatched to
 * the handler method its type selects (or, for a {@link MethodInvocation} from a typed client
 * proxy, to the implementation of the interface method). A new adapter, with a new instance, is
 * built for every start and restart.
 */
@InternalApi
public final class BeanGenServer extends DefaultGenServerContext implements GenServer<Object> {

    /** The exit reason of a keyed server passivated after its idle timeout; a normal exit. */
    public static final ExitReason PASSIVATED = ExitReason.shutdown("passivated");

    private static final Logger log = LoggerFactory.getLogger(BeanGenServer.class);

    /** What every instance of the server shares: one object per server, not per instance. */
    private final Shared shared;
    private final Object instance;
    private final Object rawTarget;
    /** The fencing token of a cluster singleton's incarnation ({@link IncarnationTokens}), else null. */
    private final Long fencingToken;
    /**
     * When the last handler returned with the passivation timeout armed ({@code System.nanoTime()}),
     * or {@link #BUSY} while a handler asked for its own next step: written on the server's thread,
     * read by the sweep.
     */
    private volatile long idleSince = BUSY;
    /** This instance's links in its sweep's list, guarded by the sweep. */
    BeanGenServer sweepPrev;
    BeanGenServer sweepNext;

    private static final long BUSY = Long.MIN_VALUE;

    /**
     * Wraps a fresh instance.
     *
     * @param model the validated model of the instance's class
     * @param instance the fresh bean instance (possibly an AOP proxy)
     * @param name the server's registered name
     * @param key the key of a keyed server, or null
     * @param passivateAfter the idle time after which a keyed server stops (found by the {@code PassivationSweep}
     *                       shared by every instance with that time), or null for never
     * @param destroyer runs the bean's destruction callbacks after terminate, or null
     * @param passivated where a keyed server records that it passivated (null when not keyed)
     */
    public BeanGenServer(ServerModel model, Object instance, String name, Object key, Duration passivateAfter,
                         Consumer<Object> destroyer, PassivationLog passivated) {
        this(model, instance, name, key, passivateAfter, destroyer, passivated, true);
    }

    /**
     * Wraps a fresh instance; {@code swept} false passivates through a timer of its own instead
     * (a bounded mailbox: the sweep's check must not take a message's place in it).
     */
    BeanGenServer(ServerModel model, Object instance, String name, Object key, Duration passivateAfter,
                  Consumer<Object> destroyer, PassivationLog passivated, boolean swept) {
        this(new Shared(model, passivateAfter, destroyer, passivated, swept), instance, name, key);
    }

    /**
     * Wraps a fresh instance of a server whose instances share {@code shared}.
     *
     * @param shared the server's model, passivation and destruction, built once per server
     * @param instance the fresh bean instance (possibly an AOP proxy)
     * @param name the server's registered name
     * @param key the key of a keyed server, or null
     */
    BeanGenServer(Shared shared, Object instance, String name, Object key) {
        super(name, key);
        this.shared = shared;
        this.instance = instance;
        Object target = AopProxyUtils.getSingletonTarget(instance);
        this.rawTarget = target != null ? target : instance;
        this.fencingToken = IncarnationTokens.current();
    }

    /**
     * What every instance of one server shares, so that each instance keeps one reference instead
     * of five (a keyed server may have 100,000 idle instances).
     */
    static final class Shared {
        final ServerModel model;
        final Duration passivateAfter;
        final Consumer<Object> destroyer;
        final PassivationLog passivated;
        /** Shared by every instance with the same idle timeout; null when the server never passivates. */
        final PassivationSweep sweep;

        /**
         * @param model the validated model of the instances' class
         * @param passivateAfter the idle time after which a keyed instance stops, or null for never
         * @param destroyer runs a bean's destruction callbacks after terminate, or null
         * @param passivated where a keyed instance records that it passivated (null when not keyed)
         * @param swept whether the shared sweep finds idle instances; false passivates through a timer
         *              per instance (a bounded mailbox: the sweep's check must not take a message's place)
         */
        Shared(ServerModel model, Duration passivateAfter, Consumer<Object> destroyer, PassivationLog passivated,
               boolean swept) {
            this.model = model;
            this.passivateAfter = passivateAfter;
            this.destroyer = destroyer;
            this.passivated = passivated;
            this.sweep = passivateAfter == null || !swept ? null : PassivationSweep.of(passivateAfter);
        }
    }

    /**
     * Tells whether a message is the passivation sweep's check of an idle keyed instance: runtime
     * housekeeping, like an inactivity timeout, that observations leave out.
     *
     * @param message a message handled by a server
     * @return true for the sweep's check
     */
    public static boolean isPassivationCheck(Object message) {
        return message == PassivationSweep.CHECK;
    }

    /** The sentinel of a sweep's list: no server, never alive. */
    static BeanGenServer sentinel() {
        return new BeanGenServer();
    }

    private BeanGenServer() {
        super(null, null);
        this.shared = null;
        this.instance = null;
        this.rawTarget = null;
        this.fencingToken = null;
    }

    @Override
    public OptionalLong fencingToken() {
        return fencingToken == null ? OptionalLong.empty() : OptionalLong.of(fencingToken);
    }

    /**
     * Returns the bean instance this adapter runs: the server's state.
     *
     * @return the instance
     */
    public Object instance() {
        return instance;
    }

    // ---- callbacks --------------------------------------------------------------------------

    @Override
    public Init<Object> init(ServerContext context) {
        bind(context);
        if (shared.passivated != null) {
            shared.passivated.started(context.self().id());
        }
        if (shared.model.init != null) {
            this.begin(true);
            try {
                shared.model.init.invoke(target(shared.model.init.method()), null, this, null, null, key);
            } catch (Throwable t) {
                throw sneaky(t);
            } finally {
                this.end();
            }
            if (this.ignore) {
                return Init.ignore();
            }
            if (this.stop != null) {
                return Init.stop(this.stop);
            }
        }
        Next next = next(shared.model.init == null ? null : this.next);
        if (shared.sweep != null) {
            shared.sweep.add(this);
        }
        return new Init.Ok<>(instance, next);
    }

    @Override
    public Result<Object> handleCall(Object request, ReplyTo from, Object state) {
        if (request instanceof MethodInvocation inv) {
            return invokeClientMethod(inv, from);
        }
        if (request == Barrier.INSTANCE) {
            return decided(Result.reply(null, instance));
        }
        HandlerMethod h;
        try {
            h = shared.model.calls.resolve(request.getClass());
        } catch (IllegalStateException ambiguous) {
            from.fail(new ReplyException(name, typeOf(request), ambiguous));
            return decided(Result.noReply(instance));
        }
        if (h == null) {
            from.fail(new NoHandlerException(name, shared.model.serverClass.getName(), typeOf(request)));
            return decided(Result.noReply(instance));
        }
        Object value;
        this.begin(false);
        try {
            value = h.invoke(target(h.method()), request, this, from, null, key);
        } catch (Throwable t) {
            if (h.declares(t)) {
                from.fail(new ReplyException(name, typeOf(request), t));
                return decided(Result.noReply(instance));
            }
            throw sneaky(t);
        } finally {
            this.end();
        }
        return answer(value, h.returns(), from, typeOf(request));
    }

    private Result<Object> invokeClientMethod(MethodInvocation inv, ReplyTo from) {
        ClientMethod cm = shared.model.clientMethod(inv.method());
        if (cm == null || cm.kind() == ClientMethod.Kind.LOCAL) {
            from.fail(new NoHandlerException(name, shared.model.serverClass.getName(), inv.toString()));
            return decided(Result.noReply(instance));
        }
        Object value;
        this.begin(false);
        try {
            value = invoke(cm.implementation(), inv.arguments());
        } catch (Throwable t) {
            if (HandlerMethod.declares(cm.method(), t)) {
                from.fail(new ReplyException(name, inv.toString(), t));
                return decided(Result.noReply(instance));
            }
            throw sneaky(t);
        } finally {
            this.end();
        }
        HandlerMethod.Returns returns = cm.kind() == ClientMethod.Kind.ASYNC ? HandlerMethod.Returns.FUTURE
                : HandlerMethod.Returns.VALUE;
        return answer(value, returns, from, inv.toString());
    }

    private Result<Object> answer(Object value, HandlerMethod.Returns returns, ReplyTo from, String what) {
        boolean replied = false;
        switch (returns) {
            case DEFERRED -> {
            }
            case FUTURE -> {
                if (value == null) {
                    replied = true;
                } else {
                    ((CompletionStage<?>) value).whenComplete((v, e) -> {
                        if (e == null) {
                            from.reply(v);
                        } else {
                            from.fail(new ReplyException(name, what, unwrap(e)));
                        }
                    });
                }
            }
            case VALUE, VOID -> replied = true;
        }
        if (this.stop != null) {
            return replied ? Result.stop(this.stop, value, instance) : Result.stop(this.stop, instance);
        }
        Next next = next(this.next);
        return replied ? new Result.Reply<>(value, instance, next) : new Result.NoReply<>(instance, next);
    }

    @Override
    public Result<Object> handleCast(Object message, Object state) {
        if (message instanceof MethodInvocation inv) {
            ClientMethod cm = shared.model.clientMethod(inv.method());
            if (cm == null || cm.kind() == ClientMethod.Kind.LOCAL) {
                return unhandled();
            }
            this.begin(false);
            try {
                invoke(cm.implementation(), inv.arguments());
            } catch (Throwable t) {
                throw sneaky(t);
            } finally {
                this.end();
            }
            return decided(Result.noReply(instance));
        }
        return dispatch(shared.model.casts, message);
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) {
        if (message == PassivationSweep.CHECK) {
            long since = idleSince;
            if (since == BUSY || System.nanoTime() - since < shared.sweep.idleNanos
                    || this.self().info().mailboxLength() > 0) {
                // Not idle for the timeout (a handler asked for its own next step, or mail arrived
                // since the sweep looked): stay, as if this check had not come.
                return new Result.NoReply<>(instance, Next.NONE);
            }
            log.debug("passivating server {} after {} idle", name, shared.passivateAfter);
            if (shared.passivated != null) {
                shared.passivated.passivated(this.self().id());
            }
            return Result.stop(PASSIVATED, instance);
        }
        if (message == InactivityTimeout.INSTANCE && shared.sweep == null && idleSince != BUSY) {
            // A bounded mailbox's own passivation timer (a handler's own timeout finds idleSince BUSY).
            idleSince = BUSY;
            if (this.self().info().mailboxLength() > 0) {
                return decided(Result.noReply(instance)); // mail arrived meanwhile: stay
            }
            log.debug("passivating server {} after {} idle", name, shared.passivateAfter);
            if (shared.passivated != null) {
                shared.passivated.passivated(this.self().id());
            }
            return Result.stop(PASSIVATED, instance);
        }
        return dispatch(shared.model.infos, message);
    }

    private Result<Object> dispatch(Dispatch dispatch, Object message) {
        HandlerMethod h;
        try {
            h = dispatch.resolve(message.getClass());
        } catch (IllegalStateException ambiguous) {
            log.error("server {}: {}; message dropped", name, ambiguous.getMessage());
            return unhandled();
        }
        if (h == null) {
            return unhandled();
        }
        this.begin(false);
        try {
            h.invoke(target(h.method()), message, this, null, null, key);
        } catch (Throwable t) {
            throw sneaky(t);
        } finally {
            this.end();
        }
        return decided(Result.noReply(instance));
    }

    @Override
    public Result<Object> handleContinue(Object argument, Object state) {
        HandlerMethod h = argument == null ? null : shared.model.continues.resolve(argument.getClass());
        if (h == null) {
            throw new IllegalStateException("server " + name + " (" + shared.model.serverClass.getName()
                    + ") asked to continue with " + typeOf(argument) + " but has no @OnContinue method for it; "
                    + "add @OnContinue void ...(" + (argument == null ? "Object" : argument.getClass().getSimpleName())
                    + " argument)");
        }
        this.begin(false);
        try {
            h.invoke(target(h.method()), argument, this, null, null, key);
        } catch (Throwable t) {
            throw sneaky(t);
        } finally {
            this.end();
        }
        return decided(Result.noReply(instance));
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        if (shared.sweep != null) {
            shared.sweep.remove(this);
        }
        try {
            if (shared.model.terminate != null) {
                this.begin(false);
                try {
                    shared.model.terminate.invoke(target(shared.model.terminate.method()), null, this, null, reason, key);
                } catch (Throwable t) {
                    throw sneaky(t);
                } finally {
                    this.end();
                }
            }
        } finally {
            if (shared.destroyer != null) {
                shared.destroyer.accept(instance);
            }
        }
    }

    @Override
    public Object formatStatus(Object state) {
        if (shared.model.formatStatus != null) {
            try {
                return shared.model.formatStatus.invoke(target(shared.model.formatStatus.method()), null, null, null, null, key);
            } catch (Throwable t) {
                throw sneaky(t);
            }
        }
        return shared.model.stateView(rawTarget);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Applies what the handler decided through the context to a no-reply result. */
    private Result<Object> decided(Result<Object> result) {
        if (this.stop != null) {
            return Result.stop(this.stop, instance);
        }
        return result.with(next(this.next));
    }

    private Result<Object> unhandled() {
        return Result.unhandled(instance).with(next(null));
    }

    /** The next step: what the handler asked for, else the passivation timeout of a keyed server. */
    private Next next(Next requested) {
        if (requested != null) {
            if (shared.passivateAfter != null) {
                idleSince = BUSY;
            }
            return requested;
        }
        if (shared.sweep != null) {
            idleSince = System.nanoTime();
        } else if (shared.passivateAfter != null) {
            idleSince = 0L; // armed: the timer's InactivityTimeout is the passivation's
            return new Next.Timeout(shared.passivateAfter);
        }
        return Next.NONE;
    }

    /** Whether this instance's process is still running (read by the sweep). */
    boolean isAlive() {
        return bound() && self().isAlive();
    }

    /** How long this instance has been idle with passivation armed; negative when not armed. */
    long idleFor(long now) {
        long since = idleSince;
        return since == BUSY ? -1 : now - since;
    }

    /** Asks this instance, through its mailbox, to passivate if it is still idle (from the sweep). */
    void askToCheckPassivation() {
        this.self().send(PassivationSweep.CHECK);
    }

    private Object target(Method m) {
        return Modifier.isPublic(m.getModifiers()) ? instance : rawTarget;
    }

    private Object invoke(Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target(m), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String typeOf(Object message) {
        return message == null ? "null" : message.getClass().getName();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return "BeanGenServer[" + name + ", " + shared.model.serverClass.getName() + "]";
    }

    /**
     * Names the bean's class, not this adapter, in inspection, logs and errors.
     *
     * @return the bean class name
     */
    @Override
    public String serverType() {
        return org.springframework.aop.support.AopUtils.getTargetClass(rawTarget).getName();
    }
}
