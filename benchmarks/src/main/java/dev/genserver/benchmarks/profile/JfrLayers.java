package dev.genserver.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording made by {@link ActivationBreakdown} or {@link SparseCallBreakdown} and
 * attributes each execution sample (CPU) and each allocation sample to a layer: the innermost
 * frame of its stack (closest to the top) that belongs to a known layer decides, so a sample in
 * the registry called by the supervisor counts for the registry. It also counts virtual-thread
 * starts and thread parks per operation, parks by where they happen.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.JfrLayers activation.jfr 80000
 * </pre>
 */
public final class JfrLayers {

    /** The execution sampling period of the recordings. */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(1);

    /** Layers, each with the frame name fragments that identify it; the first match wins per frame. */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        layer("exception built and caught (NoProcessException, then retry)",
                "java.lang.Throwable.", "NoProcessException.<init>", "SupervisionTree.noProcess");
        layer("carrier idle: ForkJoinPool worker scanning before it parks",
                "ForkJoinPool.deactivate", "ForkJoinPool.awaitWork");
        layer("timers (inactivity / passivation timer arm and cancel)",
                "java.util.concurrent.ScheduledThreadPoolExecutor");
        layer("description strings (MethodInvocation.describe per message)",
                "MethodInvocation.describe", "MessageTypes.of");
        layer("MDC interceptor (SLF4J MDC map per runner thread)", "org.slf4j.", "dev.genserver.spring.actuate.");
        layer("Spring bean creation (prototype getBean, post-processors)", "org.springframework.");
        layer("ThreadLocalMap of a fresh runner thread (ProcessCell.CURRENT)",
                "ThreadLocal.createMap", "ThreadLocal$ThreadLocalMap");
        layer("virtual thread start, exit and hand-off to a carrier",
                "java.lang.VirtualThread", "java.lang.ThreadBuilders", "jdk.internal.vm.ThreadContainer",
                "java.util.concurrent.ForkJoinPool", "java.lang.Thread.start");
        layer("JDK proxy creation (KeyedServers.get)", "java.lang.reflect.Proxy");
        layer("registry", "dev.genserver.registry.");
        layer("supervisor (startChild call, child record, monitor)", "dev.genserver.supervisor.");
        layer("starter: child spec and start options per key", "dev.genserver.spring.support.ServerSpecs");
        layer("starter: proxy handler, locator, BeanGenServer", "dev.genserver.spring.");
        layer("process core (start, mailbox, call, reply)", "dev.genserver.process.");
    }

    private JfrLayers() {
    }

    private static void layer(String name, String... fragments) {
        LAYERS.put(name, List.of(fragments));
    }

    /**
     * Enables the events this reader uses on a recording: execution samples every millisecond,
     * allocation samples at up to 5,000 per second, virtual-thread starts, and every thread park
     * with its stack.
     *
     * @param recording the recording, not started yet
     */
    static void enable(Recording recording) {
        recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "5000/s");
        recording.enable("jdk.VirtualThreadStart");
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
    }

    /**
     * Prints the breakdown.
     *
     * @param args the recording, then optionally the number of operations it covers (for counts per
     *             operation)
     * @throws IOException if the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrLayers <recording.jfr> [operations]");
            System.exit(2);
        }
        double ops = args.length > 1 ? Double.parseDouble(args[1].replace("_", "")) : 1;
        Map<String, Integer> cpu = new LinkedHashMap<>();
        Map<String, Integer> alloc = new LinkedHashMap<>();
        Map<String, Integer> parks = new LinkedHashMap<>();
        int starts = 0;
        int parkCount = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> cpu.merge(layerOf(e), 1, Integer::sum);
                case "jdk.ObjectAllocationSample" -> alloc.merge(layerOf(e), 1, Integer::sum);
                case "jdk.VirtualThreadStart" -> starts++;
                case "jdk.ThreadPark" -> {
                    parkCount++;
                    parks.merge(parkSite(e), 1, Integer::sum);
                }
                default -> {
                }
            }
        }
        print("execution samples (CPU), by innermost layer", cpu);
        print("allocation samples, by innermost layer", alloc);
        System.out.printf(Locale.ROOT, "%nvirtual threads started: %d (%.2f per operation)%n", starts, starts / ops);
        System.out.printf(Locale.ROOT, "thread parks: %d (%.2f per operation), by site:%n", parkCount, parkCount / ops);
        parks.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(6)
                .forEach(p -> System.out.printf(Locale.ROOT, "  %6.2f per operation  %s%n", p.getValue() / ops, p.getKey()));
    }

    private static void print(String title, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%n%s: %d samples%n", title, total);
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * c.getValue() / total, c.getKey()));
    }

    private static String layerOf(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "no stack";
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String frame = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
                for (String fragment : layer.getValue()) {
                    if (frame.contains(fragment)) {
                        return layer.getKey();
                    }
                }
            }
        }
        return "other JDK code (collections, strings, locks)";
    }

    private static String parkSite(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "no stack";
        }
        List<String> frames = new ArrayList<>();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.endsWith("LockSupport") || type.endsWith("Unsafe")) {
                continue;
            }
            frames.add(type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName());
            if (frames.size() == 3) {
                break;
            }
        }
        return String.join(" <- ", frames);
    }
}
