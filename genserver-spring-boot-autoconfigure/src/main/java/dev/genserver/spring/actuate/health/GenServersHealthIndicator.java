package dev.genserver.spring.actuate.health;

import dev.genserver.spring.actuate.GenServerActivity;
import dev.genserver.spring.actuate.KeyedServerDescriptor;
import dev.genserver.spring.actuate.ProcessDescriptor;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.SupervisorDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of the supervision tree. A server that crashes and is restarted by its supervisor
 * is the tree doing its job, not an outage; the health is:
 * <ul>
 *   <li><b>DOWN</b> when a supervisor has given up: the root supervisor's process is gone (it
 *       reached its restart intensity), or a supervisor under it (an {@code @Supervisor}, or a
 *       keyed server's) is not running; and, when a restart-loop threshold is set, when a server
 *       or supervisor has kept crashing (or has not run since its last crash) for longer than
 *       that threshold;</li>
 *   <li>the backlog status ({@code UP} unless configured otherwise) when a server's mailbox, or
 *       the mailboxes of a keyed server's instances together, hold at least the backlog
 *       threshold;</li>
 *   <li><b>OUT_OF_SERVICE</b> before the tree starts and after it stops;</li>
 *   <li><b>UP</b> otherwise.</li>
 * </ul>
 * What it reads comes from the runtime (is the root supervisor's process alive?), so it agrees
 * with {@code /actuator/genservers} whatever the application does when the root gives up. A
 * probe costs one request per supervisor and a constant amount per server: a keyed server's
 * instances are never walked.
 */
public class GenServersHealthIndicator extends AbstractHealthIndicator {

    /**
     * A status a backlog can be reported with. Spring Boot's aggregation ignores statuses it does
     * not know: add it to {@code management.endpoint.health.status.order} when you use it.
     */
    public static final Status DEGRADED = new Status("DEGRADED", "a mailbox backlog is over its threshold");

    private static final int MAX_BACKLOG_ENTRIES = 20;

    private final SupervisionTreeReader reader;
    private final Settings settings;

    /**
     * Creates the indicator.
     *
     * @param reader reads the tree
     * @param settings the thresholds
     */
    public GenServersHealthIndicator(SupervisionTreeReader reader, Settings settings) {
        super("GenServer health check failed");
        this.reader = reader;
        this.settings = settings;
    }

    /**
     * What makes the health other than UP, besides a supervisor that gave up.
     *
     * @param mailboxBacklogThreshold the mailbox length (a keyed server's: summed over its
     *                                instances) reported as a backlog, or 0 for never
     * @param backlogStatus the status while there is a backlog
     * @param restartLoopThreshold how long a server may keep crashing, or stay down after a crash,
     *                             before the health is DOWN; null for never
     */
    public record Settings(int mailboxBacklogThreshold, Status backlogStatus, Duration restartLoopThreshold) {

        /**
         * Checks the settings.
         *
         * @param mailboxBacklogThreshold the backlog threshold
         * @param backlogStatus the backlog status
         * @param restartLoopThreshold the restart-loop threshold, or null
         */
        public Settings {
            Objects.requireNonNull(backlogStatus, "backlogStatus");
            if (mailboxBacklogThreshold < 0) {
                throw new IllegalArgumentException("the mailbox backlog threshold must be 0 (off) or more, not "
                        + mailboxBacklogThreshold);
            }
            if (restartLoopThreshold != null && !restartLoopThreshold.isPositive()) {
                throw new IllegalArgumentException("the restart-loop threshold must be positive, not "
                        + restartLoopThreshold + "; leave it unset to turn the check off");
            }
        }

        /**
         * Returns the defaults: a backlog of 10,000 messages is reported in the details with the
         * status UP, and restart loops are not checked.
         *
         * @return the defaults
         */
        public static Settings defaults() {
            return new Settings(10_000, Status.UP, null);
        }

        /**
         * Returns a copy with another backlog threshold and status.
         *
         * @param threshold the mailbox length, or 0 for never
         * @param status the status while there is a backlog
         * @return the copy
         */
        public Settings withBacklog(int threshold, Status status) {
            return new Settings(threshold, status, restartLoopThreshold);
        }

        /**
         * Returns a copy with another restart-loop threshold.
         *
         * @param threshold how long a restart loop may last, or null for no limit
         * @return the copy
         */
        public Settings withRestartLoopThreshold(Duration threshold) {
            return new Settings(mailboxBacklogThreshold, backlogStatus, threshold);
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<SupervisorDescriptor> tree = reader.tree();
        if (tree.isEmpty()) {
            builder.outOfService().withDetail("tree", "not running");
            return;
        }
        Check check = new Check();
        check.supervisor(tree.get(), reader.isRootAlive());
        if (check.down) {
            builder.down();
        } else if (!check.backlog.isEmpty()) {
            builder.status(settings.backlogStatus());
        } else {
            builder.up();
        }
        builder.withDetail("supervisors", check.supervisors);
        if (!check.loops.isEmpty()) {
            builder.withDetail("restartLoops", check.loops);
        }
        if (!check.backlog.isEmpty()) {
            builder.withDetail("backlog", check.backlog);
        }
        if (settings.mailboxBacklogThreshold() > 0) {
            builder.withDetail("mailboxBacklogThreshold", settings.mailboxBacklogThreshold());
        }
        if (settings.restartLoopThreshold() != null) {
            builder.withDetail("restartLoopThreshold", settings.restartLoopThreshold().toString());
        }
    }

    private final class Check {
        final Map<String, Object> supervisors = new LinkedHashMap<>();
        final Map<String, String> loops = new LinkedHashMap<>();
        final Map<String, Long> backlog = new LinkedHashMap<>();
        boolean down;

        void supervisor(SupervisorDescriptor node, boolean alive) {
            boolean gaveUp = !alive;
            boolean supervisorDown = gaveUp | loop(SupervisionTreeReader.supervisorProcessName(node.name()), node);
            int running = 0;
            List<String> notRunning = new ArrayList<>();
            List<String> downChildren = new ArrayList<>();
            for (ProcessDescriptor child : node.children()) {
                if (child.isRunning()) {
                    running++;
                } else {
                    notRunning.add(child.name());
                }
                boolean childDown = switch (child) {
                    case SupervisorDescriptor s -> !s.isRunning();
                    case KeyedServerDescriptor k -> !k.isRunning();
                    case WorkerDescriptor w -> loop(w.name(), w);
                };
                if (childDown) {
                    downChildren.add(child.name());
                }
                backlog(child);
            }
            supervisorDown |= !downChildren.isEmpty();
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
            if (!notRunning.isEmpty()) {
                detail.put("notRunning", notRunning);
            }
            if (!downChildren.isEmpty()) {
                detail.put("down", downChildren);
            }
            supervisors.put(node.name(), detail);
            for (ProcessDescriptor child : node.children()) {
                if (child instanceof SupervisorDescriptor s) {
                    supervisor(s, s.isRunning());
                }
            }
        }

        boolean loop(String tag, ProcessDescriptor process) {
            Duration threshold = settings.restartLoopThreshold();
            if (threshold == null) {
                return false;
            }
            GenServerActivity activity = reader.activity();
            Duration lasted = activity.restartLoop(tag, threshold, process.isRunning());
            if (lasted.compareTo(threshold) < 0) {
                return false;
            }
            loops.put(process.name(), lasted.toString());
            return true;
        }

        void backlog(ProcessDescriptor child) {
            int threshold = settings.mailboxBacklogThreshold();
            if (threshold <= 0 || backlog.size() >= MAX_BACKLOG_ENTRIES) {
                return;
            }
            long length = switch (child) {
                case WorkerDescriptor w -> w.mailbox();
                case KeyedServerDescriptor k -> k.mailbox();
                case SupervisorDescriptor s -> 0;
            };
            if (length >= threshold) {
                backlog.put(child.name(), length);
            }
        }
    }
}
