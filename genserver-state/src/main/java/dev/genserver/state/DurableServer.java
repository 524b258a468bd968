package dev.genserver.state;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one instance of a {@link Durable} server around its adapter: reads the stored state into the
 * fresh bean before its init, and writes the state after each handled message that changed it
 * (at once, or in the background within the delay), and when it stops.
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
    /** The last state seen on the server's thread: written, or waiting to be written. Server thread only. */
    private String latest;
    /** Write-behind: the state waiting to be written, and its scheduled write. Guarded by this. */
    private String pending;
    private ScheduledFuture<?> scheduled;
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
            changed();
        }
        return init;
    }

    private void exited(ExitReason reason) {
        server.stopped(name, this);
        String lost = takePending();
        if (lost != null) {
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

    /** On the server's thread, after a callback returned: writes or schedules a changed state. */
    private void changed() {
        String now = server.model.write(bean, key);
        if (now.equals(latest)) {
            return;
        }
        latest = now;
        if (server.mode == WriteMode.WRITE_THROUGH) {
            write(now);
        } else {
            schedule(now);
        }
    }

    private synchronized void schedule(String json) {
        if (pending == null) {
            server.pendingChanged(1);
        }
        pending = json;
        if (scheduled == null) {
            scheduled = server.scheduleWrite(this::writeInBackground);
        }
    }

    private synchronized String takePending() {
        String json = pending;
        if (json != null) {
            pending = null;
            server.pendingChanged(-1);
        }
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        return json;
    }

    /** The scheduled write-behind: writes the latest state; a failure crashes the server. */
    private void writeInBackground() {
        synchronized (this) {
            scheduled = null;
        }
        flush(true);
    }

    /**
     * Writes the state waiting to be written, if any (write-behind), and returns once it is
     * written; a hand-off or a test uses it.
     *
     * @param background whether a failure is sent to the server rather than thrown
     */
    void flush(boolean background) {
        String json = takePending();
        if (json == null || failed) {
            return;
        }
        try {
            write(json);
        } catch (DurableStateException e) {
            if (!background) {
                throw e;
            }
            try {
                self.send(new WriteFailed(e));
            } catch (RuntimeException unsent) {
                log.error("durable server {} could not be told that writing its state failed", name, unsent);
            }
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

    /** At terminate: the last state is written, unless a crash left the instance's fields half-changed. */
    private void stopWriting(ExitReason reason) {
        String json = takePending();
        if (reason.isNormal()) {
            try {
                String now = server.model.write(bean, key);
                if (!now.equals(latest)) {
                    json = now;
                }
            } catch (DurableStateException e) {
                log.error("durable server {} stopped ({}) but its state cannot be written as JSON: {}", name, reason,
                        e.getMessage());
            }
        }
        if (json == null) {
            return;
        }
        try {
            write(json);
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
