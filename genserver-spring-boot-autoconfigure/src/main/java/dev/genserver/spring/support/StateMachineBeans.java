package dev.genserver.spring.support;

import dev.genserver.process.GenServer;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.annotation.GenStateMachine;
import dev.genserver.spring.annotation.OnEnter;
import dev.genserver.spring.annotation.OnEvent;
import dev.genserver.statem.StateMachine;
import dev.genserver.statem.Transition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The extension point that makes a {@link GenStateMachine} bean a state machine: the
 * introspector asks {@link #isStateMachine(Class)} and lets {@link #validate} check its methods,
 * the server specs ask for its {@link #factory}. Everything else (name, supervision, mailbox,
 * Actuator) is the {@code @GenServer} machinery, unchanged.
 */
@InternalApi
public final class StateMachineBeans {

    private static final ClassValue<Model> MODELS = new ClassValue<>() {
        @Override
        protected Model computeValue(Class<?> type) {
            List<String> problems = new ArrayList<>();
            Model model = read(type, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems));
            }
            return model;
        }
    };
    private static final ConcurrentHashMap<String, Boolean> BY_CLASS_NAME = new ConcurrentHashMap<>();

    private StateMachineBeans() {
    }

    /**
     * Tells whether a server class is a state machine.
     *
     * @param type the {@code @GenServer} class
     * @return true when it has {@link GenStateMachine}
     */
    public static boolean isStateMachine(Class<?> type) {
        return AnnotatedElementUtils.hasAnnotation(type, GenStateMachine.class);
    }

    /**
     * Tells whether the class of that name is a state machine (for Actuator, which knows servers
     * by class name).
     *
     * @param className the server's class name
     * @return true when it names a {@link GenStateMachine} class
     */
    public static boolean isStateMachine(String className) {
        return BY_CLASS_NAME.computeIfAbsent(className, n -> {
            try {
                return isStateMachine(ClassUtils.forName(n, StateMachineBeans.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /**
     * Checks the annotations of a state-machine class and adds what is wrong to {@code problems}.
     *
     * @param type the class
     * @param clients the client interfaces the introspector found
     * @param problems where problems go
     */
    static void validate(Class<?> type, java.util.Collection<Class<?>> clients, List<String> problems) {
        if (!clients.isEmpty()) {
            problems.add(type.getName() + " is a @GenStateMachine with client interfaces " + clients.stream()
                    .map(Class::getSimpleName).toList() + ", which a state machine does not answer; remove them and"
                    + " reach it by name (GenServers.call/cast/send)");
        }
        if (AnnotatedElementUtils.hasAnnotation(type, dev.genserver.spring.annotation.Keyed.class)) {
            problems.add(type.getName() + " is a @GenStateMachine and @Keyed; keyed state machines are not"
                    + " supported: remove @Keyed, or start one machine per key with StateMachine.server");
        }
        read(type, problems);
    }

    /**
     * Returns how a fresh instance of a state-machine server is built.
     *
     * @param def the server
     * @param beans a fresh bean instance per call
     * @param destroyer runs the bean's destruction callbacks after terminate
     * @return the factory
     */
    static Supplier<GenServer<?>> factory(ServerDefinition def, Supplier<Object> beans, Consumer<Object> destroyer) {
        Model model = MODELS.get(def.serverClass());
        Supplier<? extends StateMachine<Enum<?>, Object>> machines =
                () -> new BeanStateMachine(model, def.model(), beans.get(), destroyer);
        Supplier<? extends GenServer<?>> servers = StateMachine.server(machines);
        return servers::get;
    }

    /**
     * Returns the {@link OnEvent} and {@link OnEnter} methods of a state-machine class, for the AOT
     * processor's hints.
     *
     * @param type a server class
     * @return its handler methods; empty when it is not a state machine
     */
    static List<Method> handlerMethods(Class<?> type) {
        if (!isStateMachine(type)) {
            return List.of();
        }
        List<Method> methods = new ArrayList<>();
        Model model = MODELS.get(type);
        model.events().forEach(h -> methods.add(h.method()));
        model.enters().forEach(h -> methods.add(h.method()));
        return methods;
    }

    /** What a parameter of a handler is given. */
    enum Param { MESSAGE, REPLY_TO, STATE, CONTEXT }

    /** What a handler's return value means. */
    enum Returns { NOTHING, STATE, TRANSITION }

    /** One {@link OnEvent} or {@link OnEnter} method. */
    record Handler(Method method, Set<Enum<?>> states, Class<?> messageType, Param[] params, Returns returns,
                   boolean callsOnly) {
        boolean in(Enum<?> state) {
            return states.isEmpty() || states.contains(state);
        }

        @Override
        public String toString() {
            return HandlerMethod.describe(method);
        }
    }

    /** A validated state-machine class. */
    record Model(Class<?> type, Class<? extends Enum<?>> stateType, Enum<?> initial, List<Handler> events,
                 List<Handler> enters) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Model read(Class<?> type, List<String> problems) {
        GenStateMachine gsm = AnnotatedElementUtils.findMergedAnnotation(type, GenStateMachine.class);
        Class<? extends Enum<?>> stateType = gsm.states();
        Enum<?> initial = null;
        try {
            initial = Enum.valueOf((Class) stateType, gsm.initial());
        } catch (IllegalArgumentException e) {
            problems.add(type.getName() + " has @GenStateMachine(initial = \"" + gsm.initial() + "\"), which is not a "
                    + "constant of " + stateType.getName() + "; use one of " + Arrays.toString(stateType.getEnumConstants()));
        }
        List<Handler> events = new ArrayList<>();
        List<Handler> enters = new ArrayList<>();
        for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
            if (m.isBridge() || m.isSynthetic()) {
                continue;
            }
            OnEvent onEvent = AnnotatedElementUtils.findMergedAnnotation(m, OnEvent.class);
            OnEnter onEnter = AnnotatedElementUtils.findMergedAnnotation(m, OnEnter.class);
            if (onEvent == null && onEnter == null) {
                continue;
            }
            String where = HandlerMethod.describe(m);
            if (onEvent != null && onEnter != null) {
                problems.add(where + " has both @OnEvent and @OnEnter; split it into two methods");
                continue;
            }
            if (Modifier.isStatic(m.getModifiers())) {
                problems.add(where + " is static; make it an instance method: the data is the instance's fields");
                continue;
            }
            ReflectionUtils.makeAccessible(m);
            Set<Enum<?>> states = states(where, stateType, onEvent != null ? onEvent.states() : onEnter.states(),
                    problems);
            Class<?>[] types = m.getParameterTypes();
            Param[] params = new Param[types.length];
            Class<?> messageType = null;
            boolean callsOnly = false;
            for (int i = 0; i < types.length; i++) {
                Class<?> t = types[i];
                if (t == ReplyTo.class && onEvent != null) {
                    params[i] = Param.REPLY_TO;
                    callsOnly = true;
                } else if (t == stateType) {
                    params[i] = Param.STATE;
                } else if (t == ServerContext.class) {
                    params[i] = Param.CONTEXT;
                } else if (onEvent != null && messageType == null && !t.isPrimitive()) {
                    params[i] = Param.MESSAGE;
                    messageType = t;
                } else {
                    problems.add(where + " takes a " + t.getSimpleName() + " it cannot be given; "
                            + (onEvent != null
                                    ? "an @OnEvent method takes one message (an object), and may take a ReplyTo, "
                                    + "the state (" + stateType.getSimpleName() + ") and the ServerContext"
                                    : "an @OnEnter method may take the state left (" + stateType.getSimpleName()
                                    + ") and the ServerContext"));
                }
            }
            if (onEvent != null && messageType == null) {
                problems.add(where + " has no message parameter; add one whose type is the message it handles "
                        + "(Event.StateTimeout for a state timeout)");
                continue;
            }
            Class<?> rt = m.getReturnType();
            Returns returns = rt == void.class ? Returns.NOTHING
                    : rt == stateType && onEvent != null ? Returns.STATE
                    : Transition.class.isAssignableFrom(rt) ? Returns.TRANSITION : null;
            if (returns == null) {
                problems.add(where + " returns " + rt.getSimpleName() + "; return void (keep the state)"
                        + (onEvent != null ? ", the next state (" + stateType.getSimpleName() + ")" : "")
                        + " or a Transition");
                continue;
            }
            Handler h = new Handler(m, states, messageType == null ? Object.class : messageType, params, returns,
                    callsOnly);
            if (onEvent != null) {
                events.add(h);
            } else {
                for (Handler other : enters) {
                    if (overlaps(other.states(), states)) {
                        problems.add("two @OnEnter methods for the same state: " + other + " and " + h
                                + "; merge them");
                    }
                }
                enters.add(h);
            }
        }
        return new Model(type, stateType, initial, List.copyOf(events), List.copyOf(enters));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<Enum<?>> states(String where, Class<? extends Enum<?>> stateType, String[] names,
                                      List<String> problems) {
        Set<Enum<?>> states = new java.util.HashSet<>();
        for (String n : names) {
            try {
                states.add(Enum.valueOf((Class) stateType, n));
            } catch (IllegalArgumentException e) {
                problems.add(where + " names state \"" + n + "\", which is not a constant of " + stateType.getName()
                        + "; use one of " + Arrays.toString(stateType.getEnumConstants()));
            }
        }
        return Set.copyOf(states);
    }

    private static boolean overlaps(Set<Enum<?>> a, Set<Enum<?>> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }
}
