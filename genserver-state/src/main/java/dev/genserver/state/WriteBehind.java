package dev.genserver.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind's windows and writer, one for all the durable servers of a store (contract §16.3).
 *
 * <p><b>Rounds.</b> A window does not close on a timer of its own: its instance joins the
 * <em>round</em> of its delay that closes last before the window's end. Rounds of a delay {@code d}
 * are {@code tick = d / 10} apart (on {@link System#nanoTime()}), and a window opened at {@code t}
 * joins the round at {@code r}, the largest multiple of {@code tick} with {@code r + tick <= t + d},
 * so every window is between {@code 0.8 d} and {@code d} long. When a round fires, each of its
 * instances takes its snapshot on its own thread (an inspection between two messages, or after the
 * message it is handling), and hands it to the writer.
 *
 * <p><b>One batch per round.</b> The writer (one thread) writes what it was handed as one
 * {@link StateStore#writeAll} (for JDBC: one batch, one transaction, one round trip), when every
 * instance of the round has answered, or at the latest {@code tick} after the round fired (so the
 * {@code tick} saved on the window pays for waiting for the round's slowest instance, and no
 * write starts later than {@code delay} after the change that opened its window); a snapshot
 * handed after its round was written (an instance that was busy in a long message) is written at
 * once. Instances of many keys and servers thus share one write, each row still a compare-and-set
 * on its own revision; the row's outcome goes back to its own instance (a conflict or a failure
 * crashes that instance only).
 *
 * <p><b>Order per instance.</b> An instance has at most one snapshot waiting (the newest replaces
 * an older one not yet written), and it is taken and written under the instance's write lock, the
 * one its direct writes (terminate, {@link DurableStates#flush}) take: its writes are never
 * reordered, whichever thread does them.
 */
final class WriteBehind implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    /** At most this many writes per {@link StateStore#writeAll}: bigger rounds are written in several. */
    static final int MAX_BATCH = 500;

    private final StateStore store;
    private final ScheduledExecutorService scheduler;
    private final Map<RoundKey, Round> rounds = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Instances with a snapshot handed to the writer. Guarded by {@link #lock}. */
    private Set<DurableServer> ready = new LinkedHashSet<>();
    /** Whether the writer should write what is ready. Guarded by {@link #lock}. */
    private boolean due;
    private @Nullable Thread writer;
    private volatile boolean closed;

    WriteBehind(StateStore store) {
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("genserver-state-rounds").factory());
    }

    private record RoundKey(long at, long tick) {
    }

    /** The windows that close at one time: their snapshots are written together. */
    final class Round {
        private final RoundKey key;
        /** Guarded by this. */
        private final List<DurableServer> members = new ArrayList<>();
        /** Guarded by this. */
        private boolean fired;
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile boolean written;

        private Round(RoundKey key) {
            this.key = key;
        }

        /** One instance of the round answered: took its snapshot (handed to the writer), or had none. */
        void answered() {
            if (waiting.decrementAndGet() == 0) {
                write();
            }
        }

        /** Every instance answered, or the round waited long enough: the writer writes what it has. */
        private void write() {
            if (!written) {
                written = true;
                signal();
            }
        }
    }

    /**
     * Opens an instance's window (on its thread, at its first unwritten change).
     *
     * @return the round that will close it, or null when the store is closed (then only the
     *         instance's terminate writes)
     */
    @Nullable Round open(DurableServer instance, Duration delay) {
        long d = delay.toNanos();
        long tick = Math.max(1, d / 10);
        while (!closed) {
            long now = System.nanoTime();
            long at = Math.max(now, Math.floorDiv(now + d, tick) * tick - tick);
            Round round;
            try {
                round = rounds.computeIfAbsent(new RoundKey(at, tick), this::schedule);
            } catch (RejectedExecutionException stopped) {
                return null;
            }
            synchronized (round) {
                if (!round.fired) {
                    round.members.add(instance);
                    return round;
                }
            }
            // the round fired between computing it and joining it (this thread was descheduled): the next one
        }
        return null;
    }

    private Round schedule(RoundKey key) {
        Round round = new Round(key);
        scheduler.schedule(() -> fire(round), key.at() - System.nanoTime(), TimeUnit.NANOSECONDS);
        return round;
    }

    private void fire(Round round) {
        List<DurableServer> members;
        synchronized (round) {
            round.fired = true;
            members = List.copyOf(round.members);
        }
        rounds.remove(round.key, round);
        if (members.isEmpty()) {
            return;
        }
        round.waiting.set(members.size());
        try {
            scheduler.schedule(round::write, round.key.tick(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            return;
        }
        for (DurableServer member : members) {
            Thread.ofVirtual().name("genserver-state-window").start(() -> member.windowOver(round));
        }
    }

    /**
     * Hands an instance's snapshot to the writer (it is in the instance's pending write).
     *
     * @param round the round that took it; the writer writes at once when that round was written
     */
    void ready(DurableServer instance, Round round) {
        lock.lock();
        try {
            ready.add(instance);
            if (round.written) {
                due = true;
                wake.signal();
            }
            startWriter();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            due = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void startWriter() {
        if (writer == null && !closed) {
            writer = Thread.ofPlatform().daemon().name("genserver-state-writer").start(this::writeLoop);
        }
    }

    private void writeLoop() {
        while (!closed) {
            Set<DurableServer> batch;
            lock.lock();
            try {
                while (!due || ready.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    if (ready.isEmpty()) {
                        due = false;   // a round with nothing to write: the next snapshots wait for their own
                    }
                    wake.await();
                }
                due = false;
                batch = ready;
                ready = new LinkedHashSet<>();
            } catch (InterruptedException closing) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                write(List.copyOf(batch));
            } catch (RuntimeException | Error e) {
                log.error("write-behind's writer failed writing {} states; the instances concerned crash", batch.size(),
                        e);
            }
        }
    }

    /** Writes the instances' pending snapshots, {@link #MAX_BATCH} at a time. */
    void write(List<DurableServer> instances) {
        for (int from = 0; from < instances.size(); from += MAX_BATCH) {
            writeBatch(instances.subList(from, Math.min(instances.size(), from + MAX_BATCH)));
        }
    }

    private void writeBatch(List<DurableServer> instances) {
        List<DurableServer> writers = new ArrayList<>(instances.size());
        List<StateStore.Write> writes = new ArrayList<>(instances.size());
        try {
            for (DurableServer instance : instances) {
                StateStore.Write w = instance.takeWrite();   // holds the instance's write lock when not null
                if (w != null) {
                    writers.add(instance);
                    writes.add(w);
                }
            }
            if (writes.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            List<@Nullable StateStoreException> outcomes;
            try {
                outcomes = store.writeAll(writes);
                if (outcomes.size() != writes.size()) {
                    throw new IllegalStateException(store.describe() + " answered " + outcomes.size()
                            + " outcomes for " + writes.size() + " writes (StateStore.writeAll must answer one each)");
                }
            } catch (RuntimeException e) {
                List<@Nullable StateStoreException> all = new ArrayList<>(writes.size());
                for (StateStore.Write w : writes) {
                    all.add(e instanceof StateStoreException se ? se : new StateStoreException(w.key(),
                            "writing the state of " + w.key() + " to " + store.describe() + " failed: " + e
                                    + "; check that the store is reachable", e));
                }
                outcomes = all;
            }
            long nanos = System.nanoTime() - start;
            for (int i = 0; i < writers.size(); i++) {
                DurableServer instance = writers.get(i);
                writers.set(i, null);
                instance.written(outcomes.get(i), nanos);   // releases its write lock
            }
        } finally {
            for (DurableServer instance : writers) {
                if (instance != null) {
                    instance.abandonWrite();
                }
            }
        }
    }

    /** Stops the rounds and the writer: snapshots not yet written are written by their instance's terminate. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        lock.lock();
        try {
            wake.signal();
            if (writer != null) {
                writer.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
