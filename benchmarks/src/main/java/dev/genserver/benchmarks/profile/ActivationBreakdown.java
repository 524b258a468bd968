package dev.genserver.benchmarks.profile;

import dev.genserver.benchmarks.ours.KeyedCounters;
import dev.genserver.benchmarks.ours.sessions.SessionApi;
import dev.genserver.benchmarks.ours.sessions.Sessions;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerKeyInjector;
import dev.genserver.spring.support.ServerSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * W11 profile: where a keyed activation through the starter spends its time and allocation. In
 * the W11 application ({@link Sessions}) and one JVM, after a warm-up, it times each step of an
 * activation on its own (µs and bytes allocated per key, {@link Phases}) beside the same activation
 * without Spring ({@link KeyedCounters}: registry, dynamic supervisor, call), then optionally records
 * a JFR file over more activations, with execution and allocation samples, virtual-thread starts and
 * thread parks (read it with {@link JfrLayers}).
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.ActivationBreakdown 10000 [activation.jfr]
 * </pre>
 */
public final class ActivationBreakdown {

    private ActivationBreakdown() {
    }

    /**
     * Runs the breakdown.
     *
     * @param args keys per phase, then optionally the JFR file to write
     * @throws Exception if the recording could not be written
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000;
        Path jfr = args.length > 1 ? Path.of(args[1]) : null;
        Phases phases = new Phases();
        List<Object> kept = new ArrayList<>();
        try (Sessions app = new Sessions(); KeyedCounters core = new KeyedCounters()) {
            KeyedServers<SessionApi> sessions = app.sessions();
            ServerSpecs specs = app.context().getBean(ServerSpecs.class);
            ServerDefinition def = app.context().getBean(ServerDefinitions.class).byName("session").orElseThrow();
            ConfigurableListableBeanFactory beans = app.context().getBeanFactory();

            for (int round = 1; round <= 2; round++) {
                phases.run("warm-up " + round + ": starter activation", n, i -> sessions.get(i).touch());
                phases.run("warm-up " + round + ": core activation", n, core::increment);
            }
            for (int round = 1; round <= 2; round++) {
                System.out.println("-- round " + round);
                phases.run("starter activation: sessions.get(key).touch()", n, i -> sessions.get(i).touch());
                phases.run("  second call to the same keys (instance idle)", n, i -> sessions.get(i - n).touch());
                phases.run("  KeyedServers.get(key) alone (client proxy)", n, i -> kept.add(sessions.get(i)));
                kept.clear();
                phases.run("  KeyedServers.start(key) alone (no proxy, no call)", n, sessions::start);
                phases.run("  ServerSpecs.keyedChildSpec(def, key) alone", n, i -> kept.add(specs.keyedChildSpec(def, i)));
                kept.clear();
                phases.run("  prototype bean alone (withKey + getBean)", n,
                        i -> kept.add(ServerKeyInjector.withKey(i, () -> beans.getBean(def.beanName()))));
                kept.clear();
                phases.run("core activation (Registry via + DynamicSupervisor + call)", n, core::increment);
            }
            if (jfr != null) {
                try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                    JfrLayers.enable(recording);
                    recording.start();
                    int first = phases.next();
                    phases.run("recorded: starter activation", 8 * n, i -> sessions.get(i).touch());
                    recording.stop();
                    recording.dump(jfr);
                    System.out.printf("JFR: %s (%d activations, from key %d); read it with JfrLayers %s %d%n",
                            jfr, 8 * n, first, jfr, 8 * n);
                }
            }
        }
    }
}
