package dev.genserver.spring.support;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ReplyTo;
import dev.genserver.spring.GenServerContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * One validated handler or hook method of a server class, with how to call it: which parameter
 * receives the message, the context, the reply handle, the exit reason or the key.
 */
final class HandlerMethod {

    /** What a parameter receives. */
    enum Param { MESSAGE, CONTEXT, REPLY_TO, EXIT_REASON, KEY }

    /** How the method answers a call. */
    enum Returns { VOID, VALUE, FUTURE, DEFERRED }

    private final Method method;
    private final List<Class<?>> handledTypes;
    private final Param[] params;
    private final Returns returns;

    HandlerMethod(Method method, List<Class<?>> handledTypes, Param[] params, Returns returns) {
        this.method = method;
        this.handledTypes = List.copyOf(handledTypes);
        this.params = params;
        this.returns = returns;
        method.setAccessible(true);
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /**
     * Returns the message types this method handles.
     *
     * @return the types; empty for hooks that take no message
     */
    public List<Class<?>> handledTypes() {
        return handledTypes;
    }

    Returns returns() {
        return returns;
    }

    /** Tells whether {@code t} is declared in the method's throws clause. */
    boolean declares(Throwable t) {
        return declares(method, t);
    }

    static boolean declares(Method method, Throwable t) {
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    Object invoke(Object target, Object message, GenServerContext ctx, ReplyTo from, ExitReason reason,
                  Object key) throws Throwable {
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = switch (params[i]) {
                case MESSAGE -> message;
                case CONTEXT -> ctx;
                case REPLY_TO -> from;
                case EXIT_REASON -> reason;
                case KEY -> key;
            };
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static boolean isFuture(Class<?> type) {
        return CompletionStage.class.isAssignableFrom(type);
    }

    /**
     * Describes the method for error messages: {@code Cart.add(AddItem)}.
     *
     * @return the description
     */
    public String describe() {
        return describe(method);
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + "("
                + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
