package dev.genserver.spring.support;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ServerContext;
import dev.genserver.statem.Event;
import dev.genserver.statem.StateInit;
import dev.genserver.statem.StateMachine;
import dev.genserver.statem.Transition;
import dev.genserver.spring.support.StateMachineBeans.Handler;
import dev.genserver.spring.support.StateMachineBeans.Model;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;

/**
 * Runs one instance of a {@code @GenStateMachine} bean as a core {@link StateMachine}: the data
 * is the bean instance (its fields), events go to the {@code @OnEvent} method that the state and
 * the message type select, entries to the {@code @OnEnter} method of the state. A new adapter,
 * with a new instance, is built for every start and restart.
 */
final class BeanStateMachine implements StateMachine<Enum<?>, Object> {

    private static final Logger log = LoggerFactory.getLogger(BeanStateMachine.class);
    /** The handler chosen per state, message class and call-or-not, shared by every instance of a class. */
    private static final ConcurrentHashMap<Model, ConcurrentHashMap<List<Object>, Optional<Handler>>> CHOSEN =
            new ConcurrentHashMap<>();

    private final Model model;
    private final ServerModel serverModel;
    private final Object bean;
    private final Object rawTarget;
    private final Consumer<Object> destroyer;
    private ServerContext ctx;

    BeanStateMachine(Model model, ServerModel serverModel, Object bean, Consumer<Object> destroyer) {
        this.model = model;
        this.serverModel = serverModel;
        this.bean = bean;
        Object target = AopProxyUtils.getSingletonTarget(bean);
        this.rawTarget = target != null ? target : bean;
        this.destroyer = destroyer;
    }

    @Override
    public StateInit<Enum<?>, Object> init(ServerContext ctx) {
        this.ctx = ctx;
        return StateInit.ok(model.initial(), bean);
    }

    @Override
    public Transition<Enum<?>, Object> handleEvent(Event event, Enum<?> state, Object data) {
        Object message = switch (event) {
            case Event.Call c -> c.request();
            case Event.Cast c -> c.message();
            case Event.Info i -> i.message();
            default -> event;
        };
        boolean call = event instanceof Event.Call;
        Handler h = CHOSEN.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(List.of(state, message.getClass(), call), k -> choose(state, message.getClass(), call))
                .orElse(null);
        if (h == null) {
            if (event instanceof Event.Call(Object request, var from)) {
                from.fail(new IllegalStateException(serverType() + " has no @OnEvent method for "
                        + request.getClass().getName() + " in state " + state + "; add one with @OnEvent(states = \""
                        + state.name() + "\")"));
            } else if (log.isDebugEnabled()) {
                log.debug("{} in state {} has no @OnEvent method for {}; dropped", serverType(), state,
                        message.getClass().getName());
            }
            return Transition.keepState();
        }
        return invoke(h, message, event instanceof Event.Call c ? c.from() : null, state);
    }

    @Override
    public Transition<Enum<?>, Object> enter(Enum<?> oldState, Enum<?> state, Object data) {
        for (Handler h : model.enters()) {
            if (h.in(state)) {
                return invoke(h, null, null, oldState);
            }
        }
        return Transition.keepState();
    }

    private Optional<Handler> choose(Enum<?> state, Class<?> type, boolean call) {
        Handler best = null;
        for (Handler h : model.events()) {
            if (!h.in(state) || !h.messageType().isAssignableFrom(type) || (h.callsOnly() && !call)) {
                continue;
            }
            if (best == null || best.messageType().isAssignableFrom(h.messageType())
                    && best.messageType() != h.messageType()) {
                best = h;
            }
        }
        return Optional.ofNullable(best);
    }

    @SuppressWarnings("unchecked")
    private Transition<Enum<?>, Object> invoke(Handler h, Object message, dev.genserver.process.ReplyTo from,
                                               Enum<?> state) {
        Object[] args = new Object[h.params().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (h.params()[i]) {
                case MESSAGE -> message;
                case REPLY_TO -> from;
                case STATE -> state;
                case CONTEXT -> ctx;
            };
        }
        Object result;
        try {
            result = h.method().invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(h + " is not accessible", e);
        }
        return switch (h.returns()) {
            case NOTHING -> Transition.keepState();
            case STATE -> result == null ? Transition.keepState() : Transition.nextState((Enum<?>) result);
            case TRANSITION -> {
                if (result == null) {
                    throw new IllegalStateException(h + " returned null; return a Transition");
                }
                Transition<Enum<?>, Object> t = (Transition<Enum<?>, Object>) result;
                yield t;
            }
        };
    }

    @Override
    public void terminate(ExitReason reason, Enum<?> state, Object data) {
        destroyer.accept(bean);
    }

    @Override
    public Object formatStatus(Enum<?> state, Object data) {
        return serverModel.stateView(rawTarget);
    }

    @Override
    public String serverType() {
        return model.type().getName();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
