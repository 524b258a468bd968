package dev.genserver.benchmarks.durable;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.state.Durable;
import dev.genserver.state.WriteMode;

/** The keyed counters of {@link OursDurableKeyedBenchmark}: one per write mode, and one that is not durable. */
public final class DurableCounters {

    private DurableCounters() {
    }

    /** The client interface of every counter. */
    public interface CounterApi {

        /**
         * Adds one; a call, so that it returns once the change is handled (and, write-through, written).
         *
         * @return the new value
         */
        long increment();
    }

    /** Written before each reply. */
    @GenServer("throughCounter")
    @Keyed(idleTimeout = "infinity")
    @Durable
    public static class ThroughCounter implements CounterApi {
        private long value;

        @Override
        public long increment() {
            return ++value;
        }
    }

    /** Written in the background within 1 s (the default delay). */
    @GenServer("behindCounter")
    @Keyed(idleTimeout = "infinity")
    @Durable(mode = WriteMode.WRITE_BEHIND, delay = "1s")
    public static class BehindCounter implements CounterApi {
        private long value;

        @Override
        public long increment() {
            return ++value;
        }
    }

    /** Not durable: the in-memory reference. */
    @GenServer("memoryCounter")
    @Keyed(idleTimeout = "infinity")
    public static class MemoryCounter implements CounterApi {
        private long value;

        @Override
        public long increment() {
            return ++value;
        }
    }
}
