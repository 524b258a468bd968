package dev.genserver.benchmarks.ours;

import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.support.BeanGenServer;
import dev.genserver.spring.support.GenServerClients;
import dev.genserver.spring.support.MethodInvocation;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerIntrospector;
import dev.genserver.spring.support.ServerModel;
import dev.genserver.supervisor.RestartType;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W8, ours: proxy overhead. One {@code @GenServer} bean counter ({@link ProxyCounter}) runs as a
 * server through the Spring module's {@link BeanGenServer} adapter, started by hand in a plain
 * runtime (no application context: the proxy machinery does not need one). Its typed client proxy
 * comes from {@link GenServerClients#proxy}, the factory behind every injected proxy bean.
 *
 * <ul>
 *   <li>{@code w8_proxy}: {@code api.increment()} on the proxy: JDK dynamic proxy, method lookup,
 *       server lookup by name, then the call.</li>
 *   <li>{@code w8_raw}: the same call on the raw {@link ServerRef}: {@code ref.call(new
 *       MethodInvocation(increment, no args))}, the very message the proxy sends, so the two differ
 *       by the proxy's own work only (the server's dispatch to the bean method is the same).</li>
 * </ul>
 *
 * <p>There is no anchor; the calls are W1's (sequential, from the benchmark's platform thread). A
 * sub-microsecond round trip on 2 cores has two speeds, depending on where the OS places the
 * spinning caller and server threads, and a fork tends to keep the speed it started with; each
 * method therefore runs in 3 forks of shorter iterations (about as long in total as 1 fork of W1's),
 * and each is quoted by the median of its sampled calls ({@code SampleTime}, as W7): one noisy
 * iteration of a few microseconds, which on this kind of machine is common, would otherwise decide
 * a ratio of two means of about half a microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
public class OursProxyBenchmark {

    /** The client interface: one call. */
    public interface ProxyCounterApi {

        /**
         * Increments.
         *
         * @return the new value
         */
        long increment();
    }

    /** The {@code @GenServer} bean: its state is its field. */
    @GenServer("w8Counter")
    public static class ProxyCounter implements ProxyCounterApi {

        private long count;

        /** A fresh counter at zero. */
        public ProxyCounter() {
        }

        @Override
        public long increment() {
            return ++count;
        }
    }

    private static final String NAME = "w8-counter";
    private static final Object[] NO_ARGS = new Object[0];

    private ProcessRuntime runtime;
    private ServerRef ref;
    private ProxyCounterApi proxy;
    private Method increment;

    /**
     * Starts one runtime per trial, the bean server in it, and makes its proxy.
     *
     * @throws Exception if the model is invalid
     */
    @Setup
    public void setUp() throws Exception {
        List<String> problems = new ArrayList<>();
        ServerModel model = ServerIntrospector.introspect(ProxyCounter.class, new Class<?>[0], null, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid @GenServer: " + problems);
        }
        runtime = ProcessRuntime.create();
        ref = runtime.start(() -> new BeanGenServer(model, new ProxyCounter(), NAME, null, null, null, null),
                StartOptions.named(NAME)).ref();
        ServerDefinition definition = new ServerDefinition("w8Counter", NAME, model, RestartType.PERMANENT, null, null, 0,
                OverflowPolicy.REJECT, null, null, null, List.of());
        GenServerClients clients = new GenServerClients(runtime,
                new ServerDefinitions(List.of(definition), List.of()), Duration.ofSeconds(5));
        proxy = clients.proxy(NAME, ProxyCounterApi.class);
        increment = ProxyCounterApi.class.getMethod("increment");
        if (proxy.increment() != 1 || (Long) ref.call(new MethodInvocation(increment, NO_ARGS)) != 2) {
            throw new IllegalStateException("the proxy and the raw reference do not reach the same counter");
        }
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        OursSupport.close(runtime);
    }

    /**
     * One call through the typed proxy.
     *
     * @return the new value
     */
    @Benchmark
    public long w8_proxy() {
        return proxy.increment();
    }

    /**
     * The same call on the raw reference.
     *
     * @return the new value
     */
    @Benchmark
    public long w8_raw() {
        Long value = ref.call(new MethodInvocation(increment, NO_ARGS));
        return value;
    }
}
