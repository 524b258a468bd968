package dev.genserver.spring.support;

import dev.genserver.process.CallCycleException;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.CallingSelfException;
import dev.genserver.process.GenServerException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.spring.ReplyException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates typed client proxies: JDK dynamic proxies of a server's client interface that turn
 * each method invocation into a message.
 *
 * <table>
 *   <caption>How an interface method is delivered</caption>
 *   <tr><th>method</th><th>message</th><th>caller</th></tr>
 *   <tr><td>returns a value</td><td>call</td><td>waits for the return value</td></tr>
 *   <tr><td>{@code void}</td><td>cast</td><td>returns at once</td></tr>
 *   <tr><td>{@code void}, {@link dev.genserver.spring.annotation.Call @Call}</td><td>call</td><td>waits until handled</td></tr>
 *   <tr><td>returns {@code CompletableFuture<T>}</td><td>async call</td><td>gets a future at once</td></tr>
 *   <tr><td>default method the server does not override</td><td>none</td><td>runs in the caller</td></tr>
 * </table>
 *
 * <p>An exception the server's method declares comes back to the caller as itself; any other
 * failure is a {@link GenServerException} naming the server and the method
 * ({@code CallTimeoutException}, {@code CallFailedException} when the server crashed,
 * {@code NoProcessException}, ...).
 */
final class ClientProxies {

    private static final Logger log = LoggerFactory.getLogger(ClientProxies.class);

    /** How many times a call that was never handled is sent (see {@link ServerLocator#isRetryable}). */
    private static final int MAX_ATTEMPTS = 10;

    private ClientProxies() {
    }

    /**
     * Creates a proxy.
     *
     * @param iface the client interface
     * @param model the server's model
     * @param locator finds the server at each invocation
     * @param defaultTimeout supplies the call timeout of methods without {@code @CallTimeout}
     * @param <T> the interface type
     * @return the proxy
     */
    public static <T> T create(Class<T> iface, ServerModel model, ServerLocator locator,
                               Supplier<Duration> defaultTimeout) {
        InvocationHandler handler = new Handler(iface, model, locator, defaultTimeout);
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, handler));
    }

    private record Handler(Class<?> iface, ServerModel model, ServerLocator locator, Supplier<Duration> timeouts)
            implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> iface.getSimpleName() + " proxy of server " + locator.name();
                };
            }
            ClientMethod cm = model.clientMethod(method);
            if (cm == null) {
                throw new UnsupportedOperationException(MethodInvocation.describe(method) + " is not a method of "
                        + "a client interface of server " + locator.name());
            }
            MethodInvocation message = new MethodInvocation(method, args);
            Duration timeout = cm.timeout() != null ? cm.timeout() : timeouts.get();
            return switch (cm.kind()) {
                case LOCAL -> InvocationHandler.invokeDefault(proxy, method, args);
                case CAST -> {
                    ServerRef ref = locator.locate();
                    if (ref == null) {
                        ref = locator.relocate();
                    }
                    if (ref == null) {
                        if (!locator.deadLetter(message)) {
                            log.debug("dead letter: no server {} for cast {}", locator.name(), message);
                        }
                    } else {
                        ref.cast(message);
                    }
                    yield null;
                }
                case CALL -> call(cm, message, timeout);
                case ASYNC -> callAsync(cm, message, timeout);
            };
        }

        private Object call(ClientMethod cm, MethodInvocation message, Duration timeout) throws Throwable {
            ServerRef ref = locator.locate();
            if (ref == null) {
                // No exception built and caught on the way: a keyed instance is started here.
                ref = locator.relocate();
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    if (ref == null) {
                        throw locator.noProcess(message.toString());
                    }
                    return ref.call(message, timeout);
                } catch (GenServerException e) {
                    // A keyed instance may passivate between lookup and delivery: the call was not
                    // handled, so it is sent again to a fresh instance (a few times at most).
                    ServerRef again = attempt < MAX_ATTEMPTS && locator.isRetryable(e, ref) ? locator.relocate() : null;
                    if (again == null) {
                        throw translate(e, locator.name(), cm);
                    }
                    ref = again;
                }
            }
        }

        private Object callAsync(ClientMethod cm, MethodInvocation message, Duration timeout) {
            ServerRef ref = locator.locate();
            if (ref == null) {
                ref = locator.relocate();
            }
            if (ref == null) {
                return CompletableFuture.failedFuture(locator.noProcess(message.toString()));
            }
            CompletableFuture<Object> result = new CompletableFuture<>();
            ref.callAsync(message, timeout).whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    Throwable e = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    result.completeExceptionally(e instanceof GenServerException g
                            ? translate(g, locator.name(), cm) : e);
                }
            });
            return result;
        }
    }

    /**
     * Turns what the runtime threw into what the caller of an interface method should see: the
     * server's declared exception itself, or a runtime exception that names the method.
     *
     * @param e the runtime's exception
     * @param server the server's name
     * @param cm the method
     * @return the exception to throw
     */
    static Throwable translate(GenServerException e, String server, ClientMethod cm) {
        String what = cm.describe();
        if (e instanceof ReplyException && e.getCause() != null) {
            Throwable cause = e.getCause();
            cause.addSuppressed(new ReplyException(server, what, null));
            return cause;
        }
        String s = e.server() != null ? e.server() : server;
        GenServerException translated = switch (e) {
            case CallTimeoutException t -> new CallTimeoutException(s, what, t.timeout());
            case ServerStoppedException t -> new ServerStoppedException(s, what, t.reason());
            case CallFailedException t -> new CallFailedException(s, what, t.getCause());
            case NoProcessException t -> new NoProcessException(s, what, t.explanation());
            case CallingSelfException t -> new CallingSelfException(s, what);
            case CallCycleException t -> new CallCycleException(s, what, t.chain());
            default -> e;
        };
        return translated;
    }
}
