package dev.genserver.spring.support;

import dev.genserver.process.DescribedMessage;
import dev.genserver.spring.InternalApi;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The message a typed client proxy sends for one method invocation on a client interface. The
 * server answers it by invoking the same method on its current instance, on its own thread.
 *
 * @param method the client interface method
 * @param arguments the arguments (never null)
 */
@InternalApi
public record MethodInvocation(Method method, Object[] arguments) implements DescribedMessage {

    /**
     * Validates the message.
     *
     * @param method the client interface method
     * @param arguments the arguments, or null for none
     */
    public MethodInvocation {
        Objects.requireNonNull(method, "method");
        arguments = arguments == null ? new Object[0] : arguments;
    }

    /**
     * The descriptions of each interface's methods, built once: every typed call is described
     * (logs, metrics, failures), and building the string per message cost more allocation than the
     * call itself. Held per class, so a class that is unloaded takes its entries with it.
     */
    private static final ClassValue<Map<Method, String>> DESCRIPTIONS = new ClassValue<>() {
        @Override
        protected Map<Method, String> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * Describes the method as messages and logs show it, for example {@code CartApi.add(Item)}.
     *
     * @param method the method
     * @return the description
     */
    public static String describe(Method method) {
        Map<Method, String> known = DESCRIPTIONS.get(method.getDeclaringClass());
        String description = known.get(method);
        return description != null ? description : known.computeIfAbsent(method, m ->
                m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
                        + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                                .collect(Collectors.joining(", "))
                        + ")");
    }

    @Override
    public String messageType() {
        return describe(method);
    }

    @Override
    public String toString() {
        return describe(method);
    }
}
