package dev.genserver.process.conformance;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.conformance.ConformanceFixtures.Blocks;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Gate;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the conformance tests: a fresh {@link ProcessRuntime} per test, always closed afterwards,
 * and every {@link Gate} and {@link ConformanceFixtures.Block Block} the test made released before
 * it closes, so that no handler stays blocked.
 */
abstract class ConformanceTest {

    /** The runtime of the current test. */
    protected ProcessRuntime rt;
    /** What the {@link ConformanceFixtures.Recorder Recorder} servers of the current test did. */
    protected Events ev;
    /** The blocks of the current test, released after it. */
    protected final Blocks blocks = new Blocks();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> cleanups = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createRuntime() {
        rt = ProcessRuntime.create();
        ev = new Events();
    }

    @AfterEach
    void closeRuntime() throws Exception {
        gates.forEach(Gate::open);
        blocks.releaseAll();
        try {
            for (AutoCloseable c : cleanups) {
                c.close();
            }
        } finally {
            rt.close();
        }
    }

    /** A gate that is opened after the test, whatever happens. */
    protected Gate gate() {
        Gate g = new Gate();
        gates.add(g);
        return g;
    }

    /** Runs {@code c} after the test, before the runtime is closed. */
    protected void cleanup(AutoCloseable c) {
        cleanups.add(c);
    }

    /** Starts an anonymous {@link ConformanceFixtures.Scripted Scripted} server with state 0. */
    protected ServerRef start(Probe probe) {
        return rt.start(probe.factory()).ref();
    }

    /** Starts a named {@link ConformanceFixtures.Scripted Scripted} server with state 0. */
    protected ServerRef start(Probe probe, String name) {
        return rt.start(probe.factory(), StartOptions.named(name)).ref();
    }

    /** Starts a {@link ConformanceFixtures.Scripted Scripted} server with state 0 and these options. */
    protected ServerRef start(Probe probe, StartOptions options) {
        return rt.start(probe.factory(), options).ref();
    }
}
