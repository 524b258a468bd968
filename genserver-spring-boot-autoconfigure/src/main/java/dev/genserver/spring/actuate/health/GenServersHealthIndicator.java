package dev.genserver.spring.actuate.health;

import dev.genserver.process.ServerInfo;
import dev.genserver.spring.actuate.GenServerInspector;
import dev.genserver.spring.actuate.GenServerInspector.KeyedNode;
import dev.genserver.spring.actuate.GenServerInspector.Node;
import dev.genserver.spring.actuate.GenServerInspector.SupervisorNode;
import dev.genserver.spring.actuate.GenServerInspector.WorkerNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of the supervision tree:
 * <ul>
 *   <li><b>DOWN</b> when a supervisor has given up (the root is gone, or a supervisor is waiting
 *       to be restarted or was not) or a permanent server is not running;</li>
 *   <li><b>DEGRADED</b> when a server's mailbox holds at least
 *       {@code genserver.health.mailbox-backlog-threshold} messages;</li>
 *   <li><b>OUT_OF_SERVICE</b> before the tree starts and after it stops;</li>
 *   <li><b>UP</b> otherwise.</li>
 * </ul>
 * Details list every supervisor (status, restarts, children running), the permanent servers that
 * are down and the backlogs.
 */
public class GenServersHealthIndicator extends AbstractHealthIndicator {

    /** A server's mailbox is over the backlog threshold. */
    public static final Status DEGRADED = new Status("DEGRADED", "a mailbox backlog is over its threshold");

    private static final int MAX_BACKLOG_ENTRIES = 20;

    private final GenServerInspector inspector;
    private final int backlogThreshold;

    /**
     * Creates the indicator.
     *
     * @param inspector reads the tree
     * @param backlogThreshold the mailbox length that makes the health DEGRADED, or 0 for never
     */
    public GenServersHealthIndicator(GenServerInspector inspector, int backlogThreshold) {
        super("GenServer health check failed");
        this.inspector = inspector;
        this.backlogThreshold = backlogThreshold;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<SupervisorNode> tree = inspector.tree();
        if (tree.isEmpty()) {
            builder.outOfService().withDetail("tree", "not running");
            return;
        }
        Check check = new Check();
        check.supervisor(tree.get());
        if (backlogThreshold > 0) {
            check.keyedBacklogs(tree.get());
        }
        if (check.down) {
            builder.down();
        } else if (!check.backlog.isEmpty()) {
            builder.status(DEGRADED);
        } else {
            builder.up();
        }
        builder.withDetail("supervisors", check.supervisors);
        if (!check.stopped.isEmpty()) {
            builder.withDetail("down", check.stopped);
        }
        if (!check.backlog.isEmpty()) {
            builder.withDetail("backlog", check.backlog);
        }
        if (backlogThreshold > 0) {
            builder.withDetail("mailboxBacklogThreshold", backlogThreshold);
        }
    }

    private final class Check {
        final Map<String, Object> supervisors = new LinkedHashMap<>();
        final Map<String, String> stopped = new LinkedHashMap<>();
        final Map<String, Integer> backlog = new LinkedHashMap<>();
        boolean down;

        void supervisor(SupervisorNode node) {
            boolean gaveUp = !running(node);
            int running = 0;
            List<String> downChildren = new ArrayList<>();
            for (Node child : node.children()) {
                if (running(child)) {
                    running++;
                } else if (isPermanent(child)) {
                    downChildren.add(child.name());
                    if (!(child instanceof SupervisorNode)) {
                        stopped.put(child.name(), child.status());
                    }
                }
                if (child instanceof WorkerNode w && backlogThreshold > 0 && w.mailbox() >= backlogThreshold) {
                    addBacklog(w.name(), w.mailbox());
                }
            }
            boolean supervisorDown = gaveUp || !downChildren.isEmpty();
            down |= supervisorDown;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", supervisorDown ? Status.DOWN.getCode() : Status.UP.getCode());
            detail.put("state", node.status());
            detail.put("strategy", node.strategy());
            detail.put("restarts", node.restarts());
            detail.put("children", node.children().size());
            detail.put("running", running);
            if (gaveUp) {
                detail.put("gaveUp", true);
            }
            if (!downChildren.isEmpty()) {
                detail.put("down", downChildren);
            }
            supervisors.put(node.name(), detail);
            for (Node child : node.children()) {
                if (child instanceof SupervisorNode s) {
                    supervisor(s);
                }
            }
        }

        void keyedBacklogs(SupervisorNode node) {
            for (Node child : node.children()) {
                if (child instanceof SupervisorNode s) {
                    keyedBacklogs(s);
                } else if (child instanceof KeyedNode k) {
                    inspector.forEachInstance(k.name(), ref -> {
                        ServerInfo info = ref.info();
                        if (info.mailboxLength() >= backlogThreshold) {
                            addBacklog(ref.displayName(), info.mailboxLength());
                        }
                    });
                }
            }
        }

        void addBacklog(String name, int length) {
            if (backlog.size() < MAX_BACKLOG_ENTRIES) {
                backlog.put(name, length);
            }
        }
    }

    private static boolean running(Node node) {
        return node.status().equals("running") || node.status().equals("suspended");
    }

    private static boolean isPermanent(Node node) {
        return switch (node) {
            case WorkerNode w -> "permanent".equals(w.restart());
            case SupervisorNode s -> s.restart() == null || "permanent".equals(s.restart());
            case KeyedNode k -> true;
        };
    }
}
