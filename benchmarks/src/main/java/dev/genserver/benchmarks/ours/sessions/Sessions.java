package dev.genserver.benchmarks.ours.sessions;

import dev.genserver.spring.KeyedServers;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

/**
 * W11's harness: a running {@link SessionsApplication} (no web server) and its injected
 * {@code KeyedServers<SessionApi>}. {@link #activate(int)} is what a request for a new user does:
 * {@code sessions.get(key).touch()}, whose call finds no instance for the key and starts one under
 * the keyed server's dynamic supervisor. Used by {@code OursKeyedActivationBenchmark} (time per
 * activation) and by the footprint spawner of the "W11 keyedHeap" row.
 */
public final class Sessions implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final KeyedServers<SessionApi> sessions;

    /** Starts the application and looks up the keyed servers' bean, as an injection point would. */
    public Sessions() {
        context = new SpringApplicationBuilder(SessionsApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run();
        ResolvableType type = ResolvableType.forType(new ParameterizedTypeReference<KeyedServers<SessionApi>>() { });
        sessions = context.<KeyedServers<SessionApi>>getBeanProvider(type).getObject();
    }

    /**
     * The key object for a number ({@code Integer.valueOf}: a fresh box above 127, as a key
     * arriving with a request would be).
     *
     * @param i the number
     * @return the key
     */
    public static Object key(int i) {
        return Integer.valueOf(i);
    }

    /**
     * The first call to a new key: {@code sessions.get(key).touch()}.
     *
     * @param i the key's number; must not have been activated before
     * @return the session's answer (1 on a first call)
     */
    public long activate(int i) {
        return sessions.get(key(i)).touch();
    }

    /**
     * The keyed servers, as the application's services get them injected.
     *
     * @return the {@code KeyedServers<SessionApi>} bean
     */
    public KeyedServers<SessionApi> sessions() {
        return sessions;
    }

    /**
     * The running application context (for the profiling harnesses, which look at the starter's
     * own beans).
     *
     * @return the context
     */
    public ConfigurableApplicationContext context() {
        return context;
    }

    /**
     * The number of running keyed instances.
     *
     * @return the registry's entry count
     */
    public int running() {
        return sessions.running().size();
    }

    /** Closes the application context, which stops every keyed instance and the runtime. */
    @Override
    public void close() {
        context.close();
    }
}
