package dev.genserver.process.conformance;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.conformance.Fixtures0to4.Gate;
import dev.genserver.process.conformance.Fixtures0to4.Probe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the conformance tests for SPEC sections 0 to 4: a fresh {@link ProcessRuntime} per test, always
 * closed afterwards, and gates that are all opened before the runtime closes so that no handler stays
 * blocked.
 */
abstract class Conformance0to4Base {

    protected ProcessRuntime rt;
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> cleanups = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createRuntime() {
        rt = ProcessRuntime.create();
    }

    @AfterEach
    void closeRuntime() throws Exception {
        gates.forEach(Gate::open);
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

    /** Starts an anonymous {@link Fixtures0to4.Scripted} server with state 0. */
    protected ServerRef start(Probe probe) {
        return rt.start(probe.factory()).ref();
    }

    /** Starts a named {@link Fixtures0to4.Scripted} server with state 0. */
    protected ServerRef start(Probe probe, String name) {
        return rt.start(probe.factory(), StartOptions.named(name)).ref();
    }

    /** Starts a {@link Fixtures0to4.Scripted} server with state 0 and these options. */
    protected ServerRef start(Probe probe, StartOptions options) {
        return rt.start(probe.factory(), options).ref();
    }
}
