package dev.genserver.spring.autoconfigure;

import dev.genserver.process.MailboxOnCrash;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.supervisor.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of GenServer for Spring Boot, under {@code genserver.*}. Annotation attributes
 * on a {@code @GenServer} class take precedence over the defaults here; properties of a named
 * supervisor ({@code genserver.supervisors.<name>}) and of a keyed server
 * ({@code genserver.keyed.<name>}) take precedence over annotations.
 *
 * <pre>
 * genserver:
 *   call-timeout: 5s
 *   shutdown:
 *     drain: true
 *   supervisors:
 *     root:
 *       max-restarts: 10
 *       max-seconds: 60
 *     payments:
 *       strategy: rest-for-one
 *       servers: [ledger, payment-gateway]
 *   keyed:
 *     cart:
 *       idle-timeout: 15m
 * </pre>
 */
@ConfigurationProperties("genserver")
public class GenServerProperties {

    /** Creates the defaults. */
    public GenServerProperties() {
    }

    /** The name of the root supervisor, which always exists. */
    public static final String ROOT = "root";

    /** Whether to run @GenServer beans as supervised processes. */
    private boolean enabled = true;

    /** Default timeout of calls, unless a server or a client method sets its own. */
    private Duration callTimeout = Duration.ofSeconds(5);

    /** How long starting one server may take (its init); unlimited when not set. */
    private Duration startTimeout;

    private final Mailbox mailbox = new Mailbox();

    private final Shutdown shutdown = new Shutdown();

    /** Supervisors of the supervision tree by name; "root" configures the root supervisor. */
    private Map<String, SupervisorProperties> supervisors = new LinkedHashMap<>();

    /** Keyed servers by server name. */
    private Map<String, KeyedProperties> keyed = new LinkedHashMap<>();

    /**
     * Returns the enabled setting.
     *
     * @return the value
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the enabled setting.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the call timeout setting.
     *
     * @return the value
     */
    public Duration getCallTimeout() {
        return callTimeout;
    }

    /**
     * Sets the call timeout setting.
     *
     * @param callTimeout the value
     */
    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /**
     * Returns the start timeout setting.
     *
     * @return the value
     */
    public Duration getStartTimeout() {
        return startTimeout;
    }

    /**
     * Sets the start timeout setting.
     *
     * @param startTimeout the value
     */
    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /**
     * Returns the mailbox setting.
     *
     * @return the value
     */
    public Mailbox getMailbox() {
        return mailbox;
    }

    /**
     * Returns the shutdown setting.
     *
     * @return the value
     */
    public Shutdown getShutdown() {
        return shutdown;
    }

    /**
     * Returns the supervisors setting.
     *
     * @return the value
     */
    public Map<String, SupervisorProperties> getSupervisors() {
        return supervisors;
    }

    /**
     * Sets the supervisors setting.
     *
     * @param supervisors the value
     */
    public void setSupervisors(Map<String, SupervisorProperties> supervisors) {
        this.supervisors = supervisors;
    }

    /**
     * Returns the keyed setting.
     *
     * @return the value
     */
    public Map<String, KeyedProperties> getKeyed() {
        return keyed;
    }

    /**
     * Sets the keyed setting.
     *
     * @param keyed the value
     */
    public void setKeyed(Map<String, KeyedProperties> keyed) {
        this.keyed = keyed;
    }

    /** Mailbox defaults of every server. */
    public static class Mailbox {

        /** Creates the defaults. */
        public Mailbox() {
        }

        /** Default mailbox capacity; unbounded when not set. */
        private Integer capacity;

        /** What a full mailbox does with a new message. */
        private OverflowPolicy overflow = OverflowPolicy.REJECT;

        /** How long a sender waits for room when the overflow policy is "block". */
        private Duration blockTimeout = Duration.ofSeconds(5);

        /** What happens to queued messages when a server crashes: keep them for the restarted instance, or drop them (OTP). */
        private MailboxOnCrash onCrash = MailboxOnCrash.KEEP;

        /**
         * Returns the capacity setting.
         *
         * @return the value
         */
        public Integer getCapacity() {
            return capacity;
        }

        /**
         * Sets the capacity setting.
         *
         * @param capacity the value
         */
        public void setCapacity(Integer capacity) {
            this.capacity = capacity;
        }

        /**
         * Returns the overflow setting.
         *
         * @return the value
         */
        public OverflowPolicy getOverflow() {
            return overflow;
        }

        /**
         * Sets the overflow setting.
         *
         * @param overflow the value
         */
        public void setOverflow(OverflowPolicy overflow) {
            this.overflow = overflow;
        }

        /**
         * Returns the block timeout setting.
         *
         * @return the value
         */
        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        /**
         * Sets the block timeout setting.
         *
         * @param blockTimeout the value
         */
        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        /**
         * Returns the on crash setting.
         *
         * @return the value
         */
        public MailboxOnCrash getOnCrash() {
            return onCrash;
        }

        /**
         * Sets the on crash setting.
         *
         * @param onCrash the value
         */
        public void setOnCrash(MailboxOnCrash onCrash) {
            this.onCrash = onCrash;
        }
    }

    /** How servers stop when the application shuts down. */
    public static class Shutdown {

        /** Creates the defaults. */
        public Shutdown() {
        }

        /** Whether a stopping server first handles the messages already in its mailbox (within its shutdown timeout). */
        private boolean drain = false;

        /** Default time a server has to stop (terminate, and drain) before it is killed. */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * Returns the drain setting.
         *
         * @return the value
         */
        public boolean isDrain() {
            return drain;
        }

        /**
         * Sets the drain setting.
         *
         * @param drain the value
         */
        public void setDrain(boolean drain) {
            this.drain = drain;
        }

        /**
         * Returns the timeout setting.
         *
         * @return the value
         */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the timeout setting.
         *
         * @param timeout the value
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** One supervisor of the tree. */
    public static class SupervisorProperties {

        /** Creates the defaults. */
        public SupervisorProperties() {
        }

        /** Restart strategy. */
        private Strategy strategy;

        /** Restart intensity: more restarts than this within max-seconds make the supervisor give up. */
        private Integer maxRestarts;

        /** Period of the restart intensity, in seconds. */
        private Integer maxSeconds;

        /** Parent supervisor; the root when not set. */
        private String parent;

        /** Servers (by server name) that belong to this supervisor, in start order. */
        private List<String> servers = new ArrayList<>();

        private final Backoff backoff = new Backoff();

        /**
         * Returns the strategy setting.
         *
         * @return the value
         */
        public Strategy getStrategy() {
            return strategy;
        }

        /**
         * Sets the strategy setting.
         *
         * @param strategy the value
         */
        public void setStrategy(Strategy strategy) {
            this.strategy = strategy;
        }

        /**
         * Returns the max restarts setting.
         *
         * @return the value
         */
        public Integer getMaxRestarts() {
            return maxRestarts;
        }

        /**
         * Sets the max restarts setting.
         *
         * @param maxRestarts the value
         */
        public void setMaxRestarts(Integer maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        /**
         * Returns the max seconds setting.
         *
         * @return the value
         */
        public Integer getMaxSeconds() {
            return maxSeconds;
        }

        /**
         * Sets the max seconds setting.
         *
         * @param maxSeconds the value
         */
        public void setMaxSeconds(Integer maxSeconds) {
            this.maxSeconds = maxSeconds;
        }

        /**
         * Returns the parent setting.
         *
         * @return the value
         */
        public String getParent() {
            return parent;
        }

        /**
         * Sets the parent setting.
         *
         * @param parent the value
         */
        public void setParent(String parent) {
            this.parent = parent;
        }

        /**
         * Returns the servers setting.
         *
         * @return the value
         */
        public List<String> getServers() {
            return servers;
        }

        /**
         * Sets the servers setting.
         *
         * @param servers the value
         */
        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        /**
         * Returns the backoff setting.
         *
         * @return the value
         */
        public Backoff getBackoff() {
            return backoff;
        }
    }

    /** Restart backoff (beyond OTP): wait before each restart, growing while crashes go on. */
    public static class Backoff {

        /** Creates the defaults. */
        public Backoff() {
        }

        /** Delay before the first restart; no backoff when not set. */
        private Duration initial;

        /** Longest delay between restarts. */
        private Duration max = Duration.ofSeconds(30);

        /** Factor applied to the delay after each restart. */
        private double multiplier = 2.0;

        /** Random spread of each delay, from 0 (none) to 1. */
        private double jitter = 0.2;

        /** Quiet time after which the delay starts again from the initial one. */
        private Duration resetAfter = Duration.ofMinutes(1);

        /**
         * Returns the initial setting.
         *
         * @return the value
         */
        public Duration getInitial() {
            return initial;
        }

        /**
         * Sets the initial setting.
         *
         * @param initial the value
         */
        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        /**
         * Returns the max setting.
         *
         * @return the value
         */
        public Duration getMax() {
            return max;
        }

        /**
         * Sets the max setting.
         *
         * @param max the value
         */
        public void setMax(Duration max) {
            this.max = max;
        }

        /**
         * Returns the multiplier setting.
         *
         * @return the value
         */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * Sets the multiplier setting.
         *
         * @param multiplier the value
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /**
         * Returns the jitter setting.
         *
         * @return the value
         */
        public double getJitter() {
            return jitter;
        }

        /**
         * Sets the jitter setting.
         *
         * @param jitter the value
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        /**
         * Returns the reset after setting.
         *
         * @return the value
         */
        public Duration getResetAfter() {
            return resetAfter;
        }

        /**
         * Sets the reset after setting.
         *
         * @param resetAfter the value
         */
        public void setResetAfter(Duration resetAfter) {
            this.resetAfter = resetAfter;
        }
    }

    /** One keyed server. */
    public static class KeyedProperties {

        /** Creates the defaults. */
        public KeyedProperties() {
        }

        /** How long an instance may stay idle before it is passivated; "infinity" keeps it. */
        private String idleTimeout;

        /** Most instances alive at once. */
        private Integer maxInstances;

        /**
         * Returns the idle timeout setting.
         *
         * @return the value
         */
        public String getIdleTimeout() {
            return idleTimeout;
        }

        /**
         * Sets the idle timeout setting.
         *
         * @param idleTimeout the value
         */
        public void setIdleTimeout(String idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /**
         * Returns the max instances setting.
         *
         * @return the value
         */
        public Integer getMaxInstances() {
            return maxInstances;
        }

        /**
         * Sets the max instances setting.
         *
         * @param maxInstances the value
         */
        public void setMaxInstances(Integer maxInstances) {
            this.maxInstances = maxInstances;
        }
    }
}
