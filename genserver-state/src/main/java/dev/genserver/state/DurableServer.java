package dev.genserver.state;

import dev.genserver.process.CallingSelfException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.GenServerException;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one instance of a {@link Durable} server around its adapter: reads the stored state into the
 * fresh bean before its init, and writes the state after each handled message that changed it
 * (at once, or in the background within the delay), and when it stops.
 *
 * <p>Write-through turns the state into JSON after every message (to compare it with the last one
 * written). Write-behind does not: a handled message only marks the instance dirty (a field write)
 * and, the first time in a window, joins the {@link WriteBehind} round that closes the window at most
 * {@code delay} later. The snapshot runs on the server's own thread between two messages
 * ({@link ServerRef#replaceState}, which neither reaches the bean's handlers nor resets its
 * inactivity timeout), is compared with the last one and, if different, handed to the store's
 * writer, which writes the snapshots of a round's instances in one batch. So the cost per message
 * is that of an in-memory server, the JSON is made once per window, whatever the message rate, and
 * a database sees one round trip per round, not one per instance.
 */
final class DurableServer implements GenServer<Object> {

    private static final Logger log = LoggerFactory.getLogger(DurableServer.class);

    /** Sent to itself when a background write failed: crashes the server with that failure. */
    private record WriteFailed(DurableStateException failure) {
    }

    private final GenServer<Object> delegate;
    private final DurableStates.Server server;
    private final StateKey key;
    private final Object bean;
    private final String name;
    /** Serializes writes (the server's thread and the background writer) and guards {@link #revision}. */
    private final ReentrantLock writing = new ReentrantLock();
    private long revision;
    /** The last state snapshot taken on the server's thread: written, or waiting to be written. Server thread only. */
    private String latest;
    /**
     * Write-behind: a message was handled since the last snapshot and a snapshot is scheduled.
     * Written on the server's thread; volatile for the statistics and the exit log.
     */
    private volatile boolean dirty;
    /** Write-behind: the window's delay is over; the next message boundary takes the snapshot. */
    private volatile boolean due;
    /** Write-behind: the round of the open window. Read by the server's thread when {@link #due}. */
    private volatile WriteBehind.@Nullable Round dueRound;
    /** Write-behind: the snapshot waiting to be written, and the round of the open window. Guarded by this. */
    private String pending;
    private WriteBehind.@Nullable Round window;
    /** Whether this instance is counted in its server's pending writes. Guarded by this. */
    private boolean counted;
    /** A write failed: this instance writes nothing more (its restart reads the store again). */
    private volatile boolean failed;
    private ServerRef self;

    DurableServer(GenServer<Object> delegate, DurableStates.Server server, StateKey key, Object bean, String name) {
        this.delegate = delegate;
        this.server = server;
        this.key = key;
        this.bean = bean;
        this.name = name;
    }

    @Override
    public Init<Object> init(ServerContext ctx) {
        self = ctx.self();
        StoredState stored = server.load(key);
        if (stored != null) {
            server.restored(server.model.restore(bean, key, stored));
            revision = stored.revision();
        }
        latest = server.model.write(bean, key);
        Init<Object> init = delegate.init(ctx);
        if (init instanceof Init.Ok<Object>) {
            server.started(name, this);
            // A killed instance runs no terminate: forget it (and what it had not written) when it exits.
            self.onExit().whenComplete((reason, error) -> exited(reason));
            initialized();
        }
        return init;
    }

    private void exited(ExitReason reason) {
        server.stopped(name, this);
        boolean unwritten = dirty;
        dirty = false;
        String lost = takePending();
        if (lost != null || unwritten) {
            log.warn("durable server {} exited ({}) before its changed state was written (write-behind); the changes "
                    + "since its last write are lost", name, reason);
        }
    }

    @Override
    public Result<Object> handleCall(Object request, ReplyTo from, Object state) {
        if (server.mode != WriteMode.WRITE_THROUGH) {
            return after(delegate.handleCall(request, from, state));
        }
        // A reply sent from inside the handler waits until the state it acknowledges is written.
        HeldReply held = new HeldReply(from);
        Result<Object> result = delegate.handleCall(request, held, state);
        after(result);
        held.release();
        return result;
    }

    @Override
    public Result<Object> handleCast(Object message, Object state) {
        return after(delegate.handleCast(message, state));
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) {
        if (message instanceof WriteFailed(DurableStateException failure)) {
            throw failure;
        }
        return after(delegate.handleInfo(message, state));
    }

    @Override
    public Result<Object> handleContinue(Object argument, Object state) {
        return after(delegate.handleContinue(argument, state));
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        try {
            delegate.terminate(reason, state);
        } finally {
            server.stopped(name, this);
            if (!failed) {
                stopWriting(reason);
            }
        }
    }

    @Override
    public String serverType() {
        return delegate.serverType();
    }

    @Override
    public Object formatStatus(Object state) {
        return delegate.formatStatus(state);
    }

    @Override
    public String toString() {
        return "DurableServer[" + key + ", " + server.mode + "]";
    }

    // ---- writing ----------------------------------------------------------------------------

    private Result<Object> after(Result<Object> result) {
        changed();
        return result;
    }

    /** After init: whatever the mode, the state is compared at once (an activation reads the store anyway). */
    private void initialized() {
        String now = server.model.write(bean, key);
        if (now.equals(latest)) {
            return;
        }
        if (server.mode == WriteMode.WRITE_THROUGH) {
            latest = now;
            write(now);
        } else {
            markDirty();
        }
    }

    /** On the server's thread, after a callback returned: writes a changed state, or marks it dirty. */
    private void changed() {
        if (server.mode == WriteMode.WRITE_THROUGH) {
            String now = server.model.write(bean, key);
            if (!now.equals(latest)) {
                latest = now;
                write(now);
            }
        } else if (due) {
            snapshotAndWrite();   // the window is over: this message's state is its last one
        } else if (!dirty) {
            markDirty();
        }
    }

    /** Write-behind, on the server's thread, once per window: schedules the window's snapshot. */
    private void markDirty() {
        dirty = true;
        synchronized (this) {
            if (window == null) {
                window = server.openWindow(this);
            }
            recount();
        }
    }

    /**
     * On the server's thread (between two messages, or in a callback): takes the state's snapshot
     * and, when it differs from the last one, makes it the pending write.
     *
     * @return whether a new state is pending
     */
    private boolean snapshot() {
        dirty = false;
        due = false;
        String now = server.model.write(bean, key);
        synchronized (this) {
            boolean changed = !now.equals(latest);
            if (changed) {
                latest = now;
                pending = now;
            }
            recount();
            return changed;
        }
    }

    /** On the server's thread, when the window is over: the snapshot, handed to the round's writer. */
    private void snapshotAndWrite() {
        WriteBehind.Round round = dueRound;
        if (snapshot() && round != null) {
            server.ready(this, round);
        }
    }

    /**
     * The write-behind window is over (its round fired, at most {@code delay} after its first
     * change): the server takes its snapshot after the message it is handling, or, if it is idle,
     * at once (an inspection between two messages, which neither reaches the bean nor resets its
     * inactivity timeout). Answers the round once the snapshot is handed to the writer (or there
     * is none), so that the round's batch waits for it.
     */
    void windowOver(WriteBehind.Round round) {
        try {
            synchronized (this) {
                if (window != round) {
                    return;   // written and closed meanwhile (terminate, exit, flush)
                }
                window = null;
            }
            if (failed) {
                return;
            }
            dueRound = round;
            due = true;
            try {
                self.replaceState(state -> {
                    // the state object is the bean; another one means this instance is gone (restarted)
                    if (state == bean && due) {
                        snapshotAndWrite();
                    }
                    return state;
                });
            } catch (GenServerException e) {
                if (e.getCause() instanceof DurableStateException failure) {
                    crash(failure);   // the state cannot be written as JSON
                }
                // otherwise the server stopped (its terminate wrote what it could) or is busy beyond
                // the call timeout: the inspection stays queued and hands its snapshot over when the
                // server gets to it (the round's batch is written without it, and it alone later)
            }
        } finally {
            round.answered();
        }
    }

    /**
     * The store's writer, for a batch: takes the pending snapshot as a write and keeps this
     * instance's write lock until {@link #written} (or {@link #abandonWrite}).
     *
     * @return the write, or null when there is nothing to write (the lock is then released)
     */
    StateStore.@Nullable Write takeWrite() {
        writing.lock();
        boolean holding = false;
        try {
            if (failed) {
                return null;
            }
            String json = takePending();
            if (json == null) {
                return null;
            }
            holding = true;
            return new StateStore.Write(key, server.model.version, json, revision);
        } finally {
            if (!holding) {
                writing.unlock();
            }
        }
    }

    /** The store's writer: the outcome of the write {@link #takeWrite} gave; releases the write lock. */
    void written(@Nullable StateStoreException failure, long nanos) {
        DurableStateException crash = null;
        try {
            if (failure == null) {
                revision = revision + 1;
                server.written(revision, nanos);
            } else {
                failed = true;
                crash = server.writeFailed(failure, nanos);
            }
        } finally {
            writing.unlock();
        }
        if (crash != null) {
            crash(crash);
        }
    }

    /** The store's writer failed before it could tell this instance its outcome: the instance crashes. */
    void abandonWrite() {
        failed = true;
        writing.unlock();
        crash(new StateStoreException(key, "the write-behind writer failed before writing the state of " + key
                + " to " + server.storeDescription() + "; the server restarts and reads the last written state",
                null));
    }

    private synchronized void recount() {
        boolean now = dirty || pending != null;
        if (now != counted) {
            counted = now;
            server.pendingChanged(now ? 1 : -1);
        }
    }

    private synchronized String takePending() {
        String json = pending;
        pending = null;
        if (!dirty) {
            // nothing changed since the snapshot: no window is needed (its round finds it closed); a
            // change since opened one (markDirty sets dirty before it looks), which must stay open
            window = null;
        }
        recount();
        return json;
    }

    /**
     * Write-behind: takes a snapshot of the state now and writes it, with whatever was waiting,
     * and returns once it is written; a hand-off or a test uses it.
     */
    void flushNow() {
        if (server.mode == WriteMode.WRITE_BEHIND && !failed) {
            try {
                self.replaceState(state -> {
                    if (state == bean) {
                        snapshot();
                    }
                    return state;
                });
            } catch (CallingSelfException onItsOwnThread) {
                snapshot();
            } catch (GenServerException e) {
                if (e.getCause() instanceof DurableStateException failure) {
                    throw failure;
                }
                // stopped meanwhile: its terminate wrote the state
            }
        }
        writePending(null);
    }

    private void crash(DurableStateException e) {
        failed = true;
        try {
            self.send(new WriteFailed(e));
        } catch (RuntimeException unsent) {
            log.error("durable server {} could not be told that writing its state failed", name, unsent);
        }
    }

    /**
     * Writes, under the write lock, the pending snapshot, or {@code last} when it is newer: the
     * newest state is taken inside the lock, so two writers never store an older one last.
     */
    private void writePending(String last) {
        writing.lock();
        try {
            String json = takePending();
            if (last != null) {
                json = last;
            }
            if (json != null) {
                write(json);
            }
        } finally {
            writing.unlock();
        }
    }

    private void write(String json) {
        writing.lock();
        try {
            if (failed) {
                return;
            }
            try {
                revision = server.write(key, json, revision);
            } catch (DurableStateException e) {
                failed = true;
                throw e;
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * At terminate: the last state is written, unless a crash left the instance's fields
     * half-changed; then only a complete snapshot waiting to be written is (write-behind).
     */
    private void stopWriting(ExitReason reason) {
        boolean unwritten = dirty;
        dirty = false;
        String last = null;
        if (reason.isNormal()) {
            try {
                String now = server.model.write(bean, key);
                if (!now.equals(latest)) {
                    last = now;
                    latest = now;
                }
            } catch (DurableStateException e) {
                log.error("durable server {} stopped ({}) but its state cannot be written as JSON: {}", name, reason,
                        e.getMessage());
            }
        } else if (unwritten) {
            log.warn("durable server {} crashed ({}) with changes not yet in a snapshot (write-behind); the changes "
                    + "since its last snapshot are lost", name, reason);
        }
        try {
            writePending(last);
        } catch (DurableStateException e) {
            log.error("durable server {} stopped ({}) and its last state could not be written; the changes since "
                    + "the last write are lost: {}", name, reason, e.getMessage());
        }
    }

    long revision() {
        writing.lock();
        try {
            return revision;
        } finally {
            writing.unlock();
        }
    }

    /** A reply given while the handler runs, released once the state it acknowledges is written. */
    private static final class HeldReply implements ReplyTo {
        private final ReplyTo target;
        private boolean holding = true;
        private boolean answered;
        private Object value;
        private Throwable error;

        HeldReply(ReplyTo target) {
            this.target = target;
        }

        @Override
        public synchronized boolean reply(Object value) {
            if (!holding) {
                return target.reply(value);
            }
            if (answered || !target.isPending()) {
                return false;
            }
            answered = true;
            this.value = value;
            return true;
        }

        @Override
        public synchronized boolean fail(Throwable error) {
            if (!holding) {
                return target.fail(error);
            }
            if (answered || !target.isPending()) {
                return false;
            }
            answered = true;
            this.error = error;
            return true;
        }

        @Override
        public synchronized boolean isPending() {
            return holding ? !answered && target.isPending() : target.isPending();
        }

        synchronized void release() {
            holding = false;
            if (answered) {
                if (error != null) {
                    target.fail(error);
                } else {
                    target.reply(value);
                }
            }
        }
    }
}
