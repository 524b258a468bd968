package dev.genserver.spring.support;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.annotation.Call;
import dev.genserver.spring.annotation.CallTimeout;
import dev.genserver.spring.annotation.FormatStatus;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnContinue;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import dev.genserver.spring.annotation.Redact;
import dev.genserver.spring.annotation.ServerKey;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.springframework.beans.BeanUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads a {@link dev.genserver.spring.annotation.GenServer} class once, at startup, and checks
 * every handler, hook and client interface method. Each problem is reported with the class, the
 * method and the fix, so that a bad handler fails the application's startup, never its first
 * message.
 */
@InternalApi
public final class ServerIntrospector {

    private enum Kind {
        CALL("@HandleCall", HandleCall.class), CAST("@HandleCast", HandleCast.class),
        INFO("@HandleInfo", HandleInfo.class), CONTINUE("@OnContinue", OnContinue.class),
        INIT("@OnInit", OnInit.class), TERMINATE("@OnTerminate", OnTerminate.class),
        FORMAT("@FormatStatus", FormatStatus.class);

        final String label;
        final Class<? extends Annotation> annotation;

        Kind(String label, Class<? extends Annotation> annotation) {
            this.label = label;
            this.annotation = annotation;
        }
    }

    private static final Set<String> INJECTION_ANNOTATIONS = Set.of("Autowired", "Value", "Inject", "Resource");

    private ServerIntrospector() {
    }

    /**
     * Reads and validates a server class.
     *
     * @param serverClass the class annotated {@code @GenServer}
     * @param namedClients the interfaces named in {@code @GenServer(clients = ...)}
     * @param resolver resolves placeholders in duration attributes, or null
     * @param problems receives one line per problem; the model is only usable when none was added
     * @return the model
     */
    public static ServerModel introspect(Class<?> serverClass, Class<?>[] namedClients, PropertyResolver resolver,
                                         List<String> problems) {
        int before = problems.size();
        if (serverClass.isInterface() || Modifier.isAbstract(serverClass.getModifiers())) {
            problems.add(serverClass.getName() + " is annotated @GenServer but is "
                    + (serverClass.isInterface() ? "an interface" : "abstract")
                    + "; annotate the concrete class that holds the state");
        }
        Map<Kind, List<HandlerMethod>> byKind = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        int annotated = 0;
        for (Method m : ReflectionUtils.getUniqueDeclaredMethods(serverClass, ReflectionUtils.USER_DECLARED_METHODS)) {
            if (m.isBridge() || m.isSynthetic()) {
                continue;
            }
            List<Kind> kinds = new ArrayList<>();
            for (Kind k : Kind.values()) {
                if (AnnotatedElementUtils.hasAnnotation(m, k.annotation)) {
                    kinds.add(k);
                }
            }
            if (kinds.isEmpty()) {
                continue;
            }
            annotated++;
            if (kinds.size() > 1) {
                problems.add(HandlerMethod.describe(m) + " has " + kinds.stream().map(k -> k.label).toList()
                        + "; a method can have only one handler annotation: split it into several methods");
                continue;
            }
            HandlerMethod h = handler(kinds.getFirst(), m, problems);
            if (h != null) {
                byKind.get(kinds.getFirst()).add(h);
            }
        }
        Dispatch calls = dispatch("call", Kind.CALL, byKind, problems);
        Dispatch casts = dispatch("cast", Kind.CAST, byKind, problems);
        Dispatch infos = dispatch("info", Kind.INFO, byKind, problems);
        Dispatch continues = dispatch("continue", Kind.CONTINUE, byKind, problems);
        HandlerMethod init = single(Kind.INIT, byKind, problems);
        HandlerMethod terminate = single(Kind.TERMINATE, byKind, problems);
        HandlerMethod format = single(Kind.FORMAT, byKind, problems);

        List<Class<?>> clients = clientInterfaces(serverClass, namedClients, problems);
        Map<Method, ClientMethod> clientMethods = new HashMap<>();
        for (Class<?> iface : clients) {
            for (Method m : iface.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m) || clientMethods.containsKey(m)) {
                    continue;
                }
                ClientMethod cm = clientMethod(serverClass, iface, m, resolver, problems);
                if (cm != null) {
                    clientMethods.put(m, cm);
                }
            }
        }
        if (StateMachineBeans.isStateMachine(serverClass)) {
            StateMachineBeans.validate(serverClass, clients, problems);
        } else if (clients.isEmpty() && annotated == 0) {
            problems.add(serverClass.getName() + " is annotated @GenServer but handles nothing; implement a client "
                    + "interface, or add @HandleCall, @HandleCast or @HandleInfo methods");
        }
        List<Field> keyFields = new ArrayList<>();
        List<ServerModel.StateField> stateFields = new ArrayList<>();
        Set<Class<?>> constructorTypes = constructorParameterTypes(serverClass);
        ReflectionUtils.doWithFields(serverClass, f -> {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                if (f.isAnnotationPresent(ServerKey.class)) {
                    problems.add(serverClass.getName() + "." + f.getName()
                            + " is static and annotated @ServerKey; make it an instance field");
                }
                return;
            }
            ReflectionUtils.makeAccessible(f);
            if (f.isAnnotationPresent(ServerKey.class)) {
                if (Modifier.isFinal(f.getModifiers())) {
                    problems.add(serverClass.getName() + "." + f.getName()
                            + " is final and annotated @ServerKey; remove final so the key can be set");
                }
                keyFields.add(f);
            }
            if (!isInjected(f, constructorTypes)) {
                stateFields.add(new ServerModel.StateField(f, f.isAnnotationPresent(Redact.class)));
            }
        });
        if (problems.size() > before) {
            return null;
        }
        return new ServerModel(serverClass, calls, casts, infos, continues, init, terminate, format, clients,
                clientMethods, keyFields, stateFields);
    }

    // ---- handlers ---------------------------------------------------------------------------

    private static HandlerMethod handler(Kind kind, Method m, List<String> problems) {
        String where = HandlerMethod.describe(m) + " (" + kind.label + ")";
        int before = problems.size();
        if (Modifier.isStatic(m.getModifiers())) {
            problems.add(where + " is static; make it an instance method: the state is the instance's fields");
            return null;
        }
        Parameter[] parameters = m.getParameters();
        HandlerMethod.Param[] params = new HandlerMethod.Param[parameters.length];
        Class<?> messageType = null;
        int messages = 0;
        boolean replyTo = false;
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Class<?> t = p.getType();
            if (p.isAnnotationPresent(ServerKey.class)) {
                params[i] = HandlerMethod.Param.KEY;
            } else if (t == GenServerContext.class) {
                params[i] = HandlerMethod.Param.CONTEXT;
            } else if (t == ServerContext.class) {
                problems.add(where + " takes a dev.genserver.process.ServerContext; declare a GenServerContext "
                        + "parameter instead");
            } else if (t == ReplyTo.class) {
                if (kind != Kind.CALL) {
                    problems.add(where + " takes a ReplyTo, which only a @HandleCall method can use; remove it");
                }
                replyTo = true;
                params[i] = HandlerMethod.Param.REPLY_TO;
            } else if (t == ExitReason.class && kind == Kind.TERMINATE) {
                params[i] = HandlerMethod.Param.EXIT_REASON;
            } else {
                params[i] = HandlerMethod.Param.MESSAGE;
                messages++;
                messageType = t;
            }
        }
        Class<?>[] declaredTypes = switch (kind) {
            case CALL -> AnnotatedElementUtils.findMergedAnnotation(m, HandleCall.class).value();
            case CAST -> AnnotatedElementUtils.findMergedAnnotation(m, HandleCast.class).value();
            case INFO -> AnnotatedElementUtils.findMergedAnnotation(m, HandleInfo.class).value();
            case CONTINUE -> AnnotatedElementUtils.findMergedAnnotation(m, OnContinue.class).value();
            default -> new Class<?>[0];
        };
        List<Class<?>> handled = new ArrayList<>();
        boolean takesMessage = kind == Kind.CALL || kind == Kind.CAST || kind == Kind.INFO || kind == Kind.CONTINUE;
        if (takesMessage) {
            if (messages > 1) {
                problems.add(where + " has " + messages + " message parameters; a handler takes exactly one message "
                        + "(plus, optionally, GenServerContext" + (kind == Kind.CALL ? " and ReplyTo" : "") + ")");
            } else if (messages == 0 && declaredTypes.length == 0) {
                problems.add(where + " has no message parameter; add one whose type is the message it handles, "
                        + "or name the types in the annotation, e.g. " + kind.label + "(Ping.class)");
            } else if (messageType != null && messageType.isPrimitive()) {
                problems.add(where + " takes a primitive " + messageType + "; messages are objects: use "
                        + ClassUtils.resolvePrimitiveIfNecessary(messageType).getSimpleName());
            } else if (declaredTypes.length > 0) {
                for (Class<?> d : declaredTypes) {
                    if (messageType != null && !messageType.isAssignableFrom(d)) {
                        problems.add(where + " names " + d.getSimpleName() + " but its message parameter is a "
                                + messageType.getSimpleName() + "; make the parameter a supertype of every named type");
                    }
                    handled.add(d);
                }
            } else {
                handled.add(messageType);
            }
        } else if (messages > 0) {
            String allowed = switch (kind) {
                case INIT -> "GenServerContext and @ServerKey parameters";
                case TERMINATE -> "ExitReason, GenServerContext and @ServerKey parameters";
                default -> "no parameters";
            };
            problems.add(where + " takes a parameter it cannot be given; it may only have " + allowed);
        }
        if (kind == Kind.FORMAT && parameters.length > 0) {
            problems.add(where + " must take no parameters; it returns the view of the instance's state");
        }
        Class<?> rt = m.getReturnType();
        HandlerMethod.Returns returns = rt == void.class ? HandlerMethod.Returns.VOID : HandlerMethod.Returns.VALUE;
        switch (kind) {
            case CALL -> {
                if (replyTo) {
                    if (rt != void.class) {
                        problems.add(where + " takes a ReplyTo and returns " + rt.getSimpleName()
                                + "; reply through the ReplyTo and declare it void, or drop the ReplyTo and return "
                                + "the reply");
                    }
                    returns = HandlerMethod.Returns.DEFERRED;
                } else if (Future.class.isAssignableFrom(rt) && !HandlerMethod.isFuture(rt)) {
                    problems.add(where + " returns a " + rt.getSimpleName()
                            + "; return a CompletableFuture or CompletionStage for a deferred reply");
                } else if (HandlerMethod.isFuture(rt)) {
                    returns = HandlerMethod.Returns.FUTURE;
                }
            }
            case FORMAT -> {
                if (rt == void.class) {
                    problems.add(where + " is void; return the view of the state that may be shown");
                }
            }
            default -> {
                if (rt != void.class) {
                    problems.add(where + " returns " + rt.getSimpleName() + " but nothing can receive it; declare it "
                            + "void" + (kind == Kind.CAST ? " (or make it a @HandleCall to answer the sender)" : ""));
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new HandlerMethod(m, handled, params, returns);
    }

    private static Dispatch dispatch(String name, Kind kind, Map<Kind, List<HandlerMethod>> byKind,
                                     List<String> problems) {
        List<Dispatch.Entry> entries = new ArrayList<>();
        Map<Class<?>, HandlerMethod> seen = new HashMap<>();
        for (HandlerMethod h : byKind.get(kind)) {
            for (Class<?> t : h.handledTypes()) {
                HandlerMethod other = seen.putIfAbsent(t, h);
                if (other != null) {
                    problems.add("ambiguous " + name + " handlers: " + other.describe() + " and " + h.describe()
                            + " both handle " + t.getName() + "; keep one " + kind.label + " method per message type");
                } else {
                    entries.add(new Dispatch.Entry(t, h));
                }
            }
        }
        Dispatch d = new Dispatch(name, entries);
        problems.addAll(d.ambiguities());
        return d;
    }

    private static HandlerMethod single(Kind kind, Map<Kind, List<HandlerMethod>> byKind, List<String> problems) {
        List<HandlerMethod> found = byKind.get(kind);
        if (found.size() > 1) {
            problems.add("several " + kind.label + " methods: " + found.stream().map(HandlerMethod::describe).toList()
                    + "; keep one");
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    // ---- client interfaces -----------------------------------------------------------------

    /**
     * Tells whether an interface a server class implements is a client interface, rather than a
     * JDK or framework interface.
     *
     * @param iface the interface
     * @return true for a client interface
     */
    public static boolean isClientInterface(Class<?> iface) {
        String n = iface.getName();
        if (n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jakarta.") || n.startsWith("kotlin.")
                || n.startsWith("groovy.") || n.startsWith("scala.") || n.startsWith("org.springframework.")
                || n.startsWith("org.aopalliance.") || n.startsWith("dev.genserver.process.")) {
            return false;
        }
        return Arrays.stream(iface.getMethods()).anyMatch(m -> !Modifier.isStatic(m.getModifiers()));
    }

    private static List<Class<?>> clientInterfaces(Class<?> cls, Class<?>[] named, List<String> problems) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(cls)) {
            if (isClientInterface(i)) {
                result.add(i);
            }
        }
        for (Class<?> n : named) {
            if (!n.isInterface()) {
                problems.add(cls.getName() + " names " + n.getName() + " in @GenServer(clients) but it is not an "
                        + "interface; name interfaces only");
                continue;
            }
            result.add(n);
            for (Class<?> sup : ClassUtils.getAllInterfacesForClassAsSet(n)) {
                if (isClientInterface(sup)) {
                    result.add(sup);
                }
            }
        }
        return new ArrayList<>(result);
    }

    /**
     * Returns the client interfaces for which a proxy bean is registered: those that are not a
     * super-interface of another one (whose proxy serves both).
     *
     * @param interfaces all client interfaces of a server
     * @return the most specific ones
     */
    public static List<Class<?>> mostSpecific(Collection<Class<?>> interfaces) {
        List<Class<?>> result = new ArrayList<>();
        for (Class<?> i : interfaces) {
            boolean covered = false;
            for (Class<?> other : interfaces) {
                if (other != i && i.isAssignableFrom(other)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                result.add(i);
            }
        }
        return result;
    }

    private static ClientMethod clientMethod(Class<?> cls, Class<?> iface, Method m, PropertyResolver resolver,
                                             List<String> problems) {
        String where = MethodInvocation.describe(m) + " (client interface " + iface.getName() + " of "
                + cls.getName() + ")";
        Method impl;
        try {
            impl = cls.getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
            impl = null;
        }
        if (impl != null && (impl.getDeclaringClass().isInterface() || Modifier.isAbstract(impl.getModifiers()))) {
            impl = null;
        }
        if (impl == null) {
            if (m.isDefault()) {
                return new ClientMethod(m, ClientMethod.Kind.LOCAL, null, null);
            }
            problems.add(where + " has no implementation; add public " + m.getReturnType().getSimpleName() + " "
                    + m.getName() + "(...) with the same parameters to " + cls.getSimpleName());
            return null;
        }
        Class<?> rt = m.getReturnType();
        if (rt != void.class && !ClassUtils.isAssignable(rt, impl.getReturnType())) {
            problems.add(where + " returns " + rt.getSimpleName() + " but " + HandlerMethod.describe(impl)
                    + " returns " + impl.getReturnType().getSimpleName() + "; make the return types match");
        }
        boolean call = AnnotatedElementUtils.hasAnnotation(m, Call.class);
        ClientMethod.Kind kind;
        if (rt == CompletableFuture.class || rt == CompletionStage.class) {
            kind = ClientMethod.Kind.ASYNC;
        } else if (Future.class.isAssignableFrom(rt) || CompletionStage.class.isAssignableFrom(rt)) {
            problems.add(where + " returns " + rt.getSimpleName() + "; an async call must return CompletableFuture "
                    + "or CompletionStage");
            return null;
        } else if (rt == void.class && !call) {
            kind = ClientMethod.Kind.CAST;
            for (Class<?> ex : m.getExceptionTypes()) {
                if (!RuntimeException.class.isAssignableFrom(ex) && !Error.class.isAssignableFrom(ex)) {
                    problems.add(where + " is a cast (void) but declares " + ex.getSimpleName()
                            + ", which its caller can never receive; mark the method @Call or remove the throws "
                            + "clause");
                }
            }
        } else {
            if (call && rt != void.class) {
                problems.add(where + " is marked @Call but returns a value, which makes it a call already; "
                        + "remove @Call");
            }
            kind = ClientMethod.Kind.CALL;
        }
        Duration timeout = null;
        CallTimeout t = AnnotatedElementUtils.findMergedAnnotation(m, CallTimeout.class);
        if (t == null) {
            t = AnnotatedElementUtils.findMergedAnnotation(m.getDeclaringClass(), CallTimeout.class);
        }
        if (t == null) {
            t = AnnotatedElementUtils.findMergedAnnotation(iface, CallTimeout.class);
        }
        if (t != null) {
            try {
                timeout = Durations.parse(t.value(), resolver);
            } catch (RuntimeException e) {
                problems.add(where + " has @CallTimeout(\"" + t.value() + "\"), which is not a duration ("
                        + e.getMessage() + "); write for example \"500ms\", \"30s\", \"PT1M\" or \"infinity\"");
            }
        }
        ReflectionUtils.makeAccessible(impl);
        return new ClientMethod(m, kind, impl, timeout);
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // ---- state fields ----------------------------------------------------------------------

    private static Set<Class<?>> constructorParameterTypes(Class<?> cls) {
        Set<Class<?>> types = new HashSet<>();
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            types.addAll(Arrays.asList(c.getParameterTypes()));
        }
        return types;
    }

    private static boolean isInjected(Field f, Set<Class<?>> constructorTypes) {
        for (Annotation a : f.getAnnotations()) {
            if (INJECTION_ANNOTATIONS.contains(a.annotationType().getSimpleName())) {
                return true;
            }
        }
        Class<?> t = f.getType();
        return Modifier.isFinal(f.getModifiers()) && constructorTypes.contains(t) && !BeanUtils.isSimpleValueType(t)
                && !Collection.class.isAssignableFrom(t) && !Map.class.isAssignableFrom(t) && !t.isArray();
    }
}
