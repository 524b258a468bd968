package dev.genserver.spring.autoconfigure;

import dev.genserver.process.MailboxOnCrash;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.supervisor.Strategy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of GenServer for Spring Boot, under {@code genserver.*}. Annotation attributes
 * on a {@code @GenServer} class take precedence over the defaults here; properties of a named
 * supervisor ({@code genserver.supervisors.<name>}) and of a keyed server
 * ({@code genserver.keyed.<name>}) take precedence over annotations.
 *
 * <p>Every value is checked when it is bound, and names that match no server or supervisor are
 * checked before the servers start: a bad value fails the startup with a message that names the
 * property, never the first message.
 */
@ConfigurationProperties("genserver")
public class GenServerProperties {

    /** The name of the root supervisor, which always exists. */
    public static final String ROOT = "root";

    /** Whether to run @GenServer beans as supervised processes. */
    private boolean enabled = true;

    /** Default timeout of calls, unless a server or a client method sets its own. */
    private Duration callTimeout = Duration.ofSeconds(5);

    /** How long starting one server may take (its init); unlimited when not set. */
    private Duration startTimeout;

    /**
     * What the application does when the root supervisor gives up (more restarts than its
     * intensity allows): "shutdown" closes the application context and exits the JVM with status
     * 1, so that the platform restarts the instance; "keep-running" leaves the application up
     * without its servers (the genservers health contributor is then DOWN).
     */
    private GiveUpAction onGiveUp = GiveUpAction.SHUTDOWN;

    private final Mailbox mailbox = new Mailbox();

    private final Shutdown shutdown = new Shutdown();

    private final CrashLogs crashLogs = new CrashLogs();

    /**
     * Supervisors of the supervision tree by name, each with strategy, max-restarts, period,
     * parent, servers and backoff; "root" configures the root supervisor, whose intensity is the
     * default of the others.
     */
    private Map<String, SupervisorProperties> supervisors = new LinkedHashMap<>();

    /**
     * Keyed servers by server name, each with idle-timeout (0 keeps instances forever) and
     * max-instances (0 for no limit).
     */
    private Map<String, KeyedProperties> keyed = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getCallTimeout() {
        return this.callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = positive("call-timeout", callTimeout);
    }

    public Duration getStartTimeout() {
        return this.startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = positive("start-timeout", startTimeout);
    }

    public GiveUpAction getOnGiveUp() {
        return this.onGiveUp;
    }

    public void setOnGiveUp(GiveUpAction onGiveUp) {
        this.onGiveUp = onGiveUp;
    }

    public Mailbox getMailbox() {
        return this.mailbox;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public CrashLogs getCrashLogs() {
        return this.crashLogs;
    }

    public Map<String, SupervisorProperties> getSupervisors() {
        return this.supervisors;
    }

    public void setSupervisors(Map<String, SupervisorProperties> supervisors) {
        this.supervisors = supervisors;
    }

    public Map<String, KeyedProperties> getKeyed() {
        return this.keyed;
    }

    public void setKeyed(Map<String, KeyedProperties> keyed) {
        this.keyed = keyed;
    }

    /** What the application does when the root supervisor of the tree gives up. */
    public enum GiveUpAction {

        /** Close the application context and exit the JVM with status 1 (OTP stops the node). */
        SHUTDOWN,

        /** Keep the application running without its servers; their health is DOWN. */
        KEEP_RUNNING
    }

    /** Mailbox defaults of every server. */
    public static class Mailbox {

        /** Default mailbox capacity; unbounded when not set. */
        private Integer capacity;

        /** What a full mailbox does with a new message. */
        private OverflowPolicy overflow = OverflowPolicy.REJECT;

        /** How long a sender waits for room when the overflow policy is "block". */
        private Duration blockTimeout = Duration.ofSeconds(5);

        /** What happens to queued messages when a server crashes: keep them for the restarted instance, or drop them (OTP). */
        private MailboxOnCrash onCrash = MailboxOnCrash.KEEP;

        public Integer getCapacity() {
            return this.capacity;
        }

        public void setCapacity(Integer capacity) {
            check(capacity == null || capacity > 0, "capacity", "must be at least 1 (leave it unset for an "
                    + "unbounded mailbox)");
            this.capacity = capacity;
        }

        public OverflowPolicy getOverflow() {
            return this.overflow;
        }

        public void setOverflow(OverflowPolicy overflow) {
            this.overflow = overflow;
        }

        public Duration getBlockTimeout() {
            return this.blockTimeout;
        }

        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = positive("block-timeout", blockTimeout);
        }

        public MailboxOnCrash getOnCrash() {
            return this.onCrash;
        }

        public void setOnCrash(MailboxOnCrash onCrash) {
            this.onCrash = onCrash;
        }
    }

    /** How servers stop when the application shuts down. */
    public static class Shutdown {

        /** Whether a stopping server first handles the messages already in its mailbox (within its shutdown timeout). */
        private boolean drain = false;

        /** Default time a server has to stop (drain, then terminate) before it is killed; 0 kills it at once. */
        private Duration timeout = Duration.ofSeconds(5);

        public boolean isDrain() {
            return this.drain;
        }

        public void setDrain(boolean drain) {
            this.drain = drain;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            check(timeout != null && !timeout.isNegative(), "timeout", "must be zero (kill at once) or more");
            this.timeout = timeout;
        }
    }

    /** The crash reports a server's exit writes to the log (logger dev.genserver.process). */
    public static class CrashLogs {

        /** Whether a crash report shows the server's state, after its @Redact fields and @FormatStatus hook; off, no state is logged. */
        private boolean showState = false;

        /** How many full crash reports of one server are logged per interval; further crashes in it are summarised in one line with their count. */
        private int limit = ProcessRuntime.DEFAULT_CRASH_LOG_LIMIT;

        /** The interval of the crash-report limit. */
        private Duration interval = ProcessRuntime.DEFAULT_CRASH_LOG_INTERVAL;

        public boolean isShowState() {
            return this.showState;
        }

        public void setShowState(boolean showState) {
            this.showState = showState;
        }

        public int getLimit() {
            return this.limit;
        }

        public void setLimit(int limit) {
            check(limit >= 1, "limit", "must be 1 or more");
            this.limit = limit;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = positive("interval", interval);
        }
    }

    /** One supervisor of the tree. */
    public static class SupervisorProperties {

        /** Restart strategy; one-for-one when not set. */
        private Strategy strategy;

        /** Restart intensity: more restarts than this within the period make the supervisor give up; the root's (3) when not set. */
        private Integer maxRestarts;

        /** Period of the restart intensity (seconds when no unit is given); the root's (5s) when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration period;

        /** Parent supervisor; the root when not set. */
        private String parent;

        /** Servers (by server name) that belong to this supervisor, in start order. */
        private List<String> servers = new ArrayList<>();

        private final Backoff backoff = new Backoff();

        public Strategy getStrategy() {
            return this.strategy;
        }

        public void setStrategy(Strategy strategy) {
            this.strategy = strategy;
        }

        public Integer getMaxRestarts() {
            return this.maxRestarts;
        }

        public void setMaxRestarts(Integer maxRestarts) {
            check(maxRestarts == null || maxRestarts >= 0, "max-restarts", "must be zero or more");
            this.maxRestarts = maxRestarts;
        }

        public Duration getPeriod() {
            return this.period;
        }

        public void setPeriod(Duration period) {
            this.period = positive("period", period);
        }

        /**
         * The period of the restart intensity in whole seconds.
         *
         * @return the period in seconds, or null when not set
         * @deprecated use {@link #getPeriod()}, a duration
         */
        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "genserver.supervisors.*.period",
                reason = "the period is a duration")
        public Integer getMaxSeconds() {
            return this.period == null ? null : (int) this.period.toSeconds();
        }

        /**
         * Sets the period of the restart intensity in whole seconds.
         *
         * @param maxSeconds the period in seconds
         * @deprecated use {@link #setPeriod(Duration)}
         */
        @Deprecated(since = "0.1.0")
        public void setMaxSeconds(Integer maxSeconds) {
            check(maxSeconds == null || maxSeconds > 0, "max-seconds", "must be positive");
            this.period = maxSeconds == null ? null : Duration.ofSeconds(maxSeconds);
        }

        public String getParent() {
            return this.parent;
        }

        public void setParent(String parent) {
            this.parent = parent;
        }

        public List<String> getServers() {
            return this.servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        public Backoff getBackoff() {
            return this.backoff;
        }
    }

    /** Restart backoff (beyond OTP): wait before each restart, growing while crashes go on. */
    public static class Backoff {

        /** Delay before the first restart; no backoff when not set. */
        private Duration initial;

        /** Longest delay between restarts; at least the initial delay. */
        private Duration max = Duration.ofSeconds(30);

        /** Factor applied to the delay after each restart, at least 1. */
        private double multiplier = 2.0;

        /** Random spread of each delay, from 0 (none) to 1. */
        private double jitter = 0.2;

        /** Quiet time after which the delay starts again from the initial one. */
        private Duration resetAfter = Duration.ofMinutes(1);

        public Duration getInitial() {
            return this.initial;
        }

        public void setInitial(Duration initial) {
            this.initial = positive("initial", initial);
        }

        public Duration getMax() {
            return this.max;
        }

        public void setMax(Duration max) {
            this.max = positive("max", max);
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            check(multiplier >= 1.0 && !Double.isInfinite(multiplier), "multiplier", "must be at least 1");
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            check(jitter >= 0.0 && jitter <= 1.0, "jitter", "must be between 0 and 1");
            this.jitter = jitter;
        }

        public Duration getResetAfter() {
            return this.resetAfter;
        }

        public void setResetAfter(Duration resetAfter) {
            this.resetAfter = positive("reset-after", resetAfter);
        }
    }

    /** One keyed server. */
    public static class KeyedProperties {

        /** How long an instance may stay idle before it is passivated; 0 keeps instances forever; the annotation's, else 30m, when not set. */
        private Duration idleTimeout;

        /** Most instances alive at once; 0 means unlimited; the annotation's (unlimited by default) when not set. */
        private Integer maxInstances;

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            check(idleTimeout == null || !idleTimeout.isNegative(), "idle-timeout",
                    "must be zero (never passivate) or more");
            this.idleTimeout = idleTimeout;
        }

        public Integer getMaxInstances() {
            return this.maxInstances;
        }

        public void setMaxInstances(Integer maxInstances) {
            check(maxInstances == null || maxInstances >= 0, "max-instances", "must be zero (unlimited) or more");
            this.maxInstances = maxInstances;
        }
    }

    /**
     * Rejects a value while it is bound; Spring Boot reports the property's full name, its value
     * and where it was set, with this message as the reason.
     */
    private static void check(boolean valid, String property, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("'" + property + "' " + rule);
        }
    }

    private static Duration positive(String property, Duration value) {
        check(value == null || (!value.isNegative() && !value.isZero()), property, "must be positive");
        return value;
    }
}
