package dev.genserver.spring.support;

import dev.genserver.process.ExitReason;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.Next;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.TimerRef;
import dev.genserver.spring.GenServerContext;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link GenServerContext} of one server instance; records what the running callback decided.
 * {@link BeanGenServer} extends it: the adapter of an instance is the context its handlers
 * receive, one object per instance instead of two (a keyed server may keep 100,000 idle ones).
 */
class DefaultGenServerContext implements GenServerContext {

    /** The runtime's context of the instance; bound by init, before any handler runs. */
    private ServerContext core;
    final String name;
    final Object key;

    // Written and read only by the callback that runs now, on the server's thread.
    private Thread callbackThread;
    private boolean inInit;
    ExitReason stop;
    Next next;
    boolean ignore;

    DefaultGenServerContext(String name, Object key) {
        this.name = name;
        this.key = key;
    }

    /** Binds the runtime's context of the instance; from init on. */
    final void bind(ServerContext context) {
        this.core = context;
    }

    /** Whether init has bound the runtime's context. */
    final boolean bound() {
        return core != null;
    }

    void begin(boolean init) {
        callbackThread = Thread.currentThread();
        inInit = init;
        stop = null;
        next = null;
        ignore = false;
    }

    void end() {
        callbackThread = null;
    }

    private void requireCallback(String what) {
        if (Thread.currentThread() != callbackThread) {
            throw new IllegalStateException("ctx." + what + " decides what server " + name + " does after the "
                    + "handler that is running, so only that handler may call it, on the server's own thread; "
                    + "from elsewhere send the server a message, or stop it through its ServerRef");
        }
    }

    @Override
    public ServerRef self() {
        return core.self();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> K key() {
        return (K) key;
    }

    @Override
    public ProcessRuntime runtime() {
        return core.runtime();
    }

    @Override
    public TimerRef sendAfter(Object message, Duration delay) {
        return core.sendAfter(message, delay);
    }

    @Override
    public TimerRef sendAfter(ServerRef to, Object message, Duration delay) {
        return core.runtime().sendAfter(to, message, delay);
    }

    @Override
    public void stop() {
        stop(ExitReason.NORMAL);
    }

    @Override
    public void stop(ExitReason reason) {
        requireCallback("stop()");
        stop = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public void continueWith(Object argument) {
        requireCallback("continueWith()");
        next = new Next.Continue(argument);
    }

    @Override
    public void timeout(Duration after) {
        requireCallback("timeout()");
        next = new Next.Timeout(after);
    }

    @Override
    public void hibernate() {
        requireCallback("hibernate()");
        next = new Next.Hibernate();
    }

    @Override
    public void ignore() {
        requireCallback("ignore()");
        if (!inInit) {
            throw new IllegalStateException("ctx.ignore() only means something in @OnInit of server " + name
                    + "; to end a running server use ctx.stop()");
        }
        ignore = true;
    }

    @Override
    public void link(ServerRef other) {
        core.link(other);
    }

    @Override
    public void unlink(ServerRef other) {
        core.unlink(other);
    }

    @Override
    public MonitorRef monitor(ServerRef other) {
        return core.monitor(other);
    }

    @Override
    public boolean demonitor(MonitorRef monitor, boolean flush) {
        return core.demonitor(monitor, flush);
    }

    @Override
    public void trapExits(boolean trap) {
        core.trapExits(trap);
    }

    @Override
    public String toString() {
        return "GenServerContext[" + name + "]";
    }
}
