package dev.genserver.cluster.autoconfigure;

import dev.genserver.cluster.ClusterNode;
import org.springframework.context.SmartLifecycle;

/**
 * Starts hosting once the application is ready and leaves the cluster before it stops: the node
 * joins right after the supervision tree has started (so a clustered server may call the local
 * ones from its init) and before the web server takes traffic; it leaves gracefully (hand-off)
 * after the web server has drained and before the local servers stop.
 */
final class ClusterNodeLifecycle implements SmartLifecycle {

    /** One above the supervision tree's phase ({@code DEFAULT_PHASE - 4096}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4095;

    private final ClusterNode node;
    private volatile boolean running;

    ClusterNodeLifecycle(ClusterNode node) {
        this.node = node;
    }

    @Override
    public void start() {
        node.join();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        node.leave();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
