package dev.genserver.spring.autoconfigure;

import dev.genserver.process.GenServer;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the {@link GenServer} that runs each fresh instance of a {@code @GenServer} bean, at every
 * start, restart and (for a keyed server) activation of a key. Declare beans of this type; they
 * are applied in {@link org.springframework.core.annotation.Order @Order} order, each to what the
 * previous one returned. A decorator that has nothing to do for a server returns {@code server}
 * itself:
 *
 * <pre>{@code
 * @Bean
 * GenServerInstanceDecorator auditStops() {
 *     return (instance, server) -> instance.serverName().equals("ledger")
 *             ? new AuditingServer(server)      // delegates every callback to server
 *             : server;
 * }
 * }</pre>
 *
 * A decorator must pass every callback on to the server it wraps and keep its state object (the
 * bean instance): inspection and {@code GenServerTester.state} read it. This is how durable state
 * ({@code genserver-state}) saves and restores a server's fields around its handlers.
 */
@FunctionalInterface
public interface GenServerInstanceDecorator {

    /**
     * Wraps the server of one fresh instance.
     *
     * @param instance which server and which bean instance
     * @param server the server built so far (the bean's adapter, or a previous decorator's wrapper)
     * @return the server to run, never null
     */
    GenServer<Object> decorate(Instance instance, GenServer<Object> server);

    /**
     * One fresh instance of a {@code @GenServer} bean.
     *
     * @param serverName the server's name (for a keyed server, the name shared by its instances)
     * @param name the registered name of this process ({@code cart[ann]} for a keyed instance)
     * @param key the key of a keyed instance, or null
     * @param serverClass the class annotated {@code @GenServer}
     * @param bean the fresh bean instance (possibly an AOP proxy): the server's state
     */
    record Instance(String serverName, String name, @Nullable Object key, Class<?> serverClass, Object bean) {
    }
}
