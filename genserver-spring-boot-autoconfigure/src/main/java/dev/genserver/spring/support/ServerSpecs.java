package dev.genserver.spring.support;

import dev.genserver.process.GenServer;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.registry.Registry;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.spring.autoconfigure.GenServerInstanceDecorator;
import dev.genserver.spring.autoconfigure.GenServerProperties;
import dev.genserver.spring.autoconfigure.GenServerStartOptionsCustomizer;
import dev.genserver.spring.autoconfigure.SupervisorSpecCustomizer;
import dev.genserver.supervisor.Backoff;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.ChildType;
import dev.genserver.supervisor.DynamicSupervisorSpec;
import dev.genserver.supervisor.RestartType;
import dev.genserver.supervisor.Shutdown;
import dev.genserver.supervisor.Strategy;
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns the {@link ServerDefinitions} and the {@code genserver.*} properties into start options,
 * child specs and the supervision tree's specs. Each start and restart of a server gets a fresh
 * bean instance from the bean factory.
 *
 * <p>The tree's spec is built (and with it every {@code genserver.supervisors.*} and
 * {@code genserver.keyed.*} entry checked against the servers and supervisors that exist) when this
 * object is created, so that a bad entry fails the startup with an
 * {@link InvalidConfigurationPropertyValueException} naming the property, before any server starts.
 */
@InternalApi
public class ServerSpecs {

    /** One object, not one per keyed instance: every instance's adapter keeps its idle timeout. */
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final ConfigurableListableBeanFactory beanFactory;
    private final ServerDefinitions definitions;
    private final GenServerProperties properties;
    private final Duration phaseTimeout;
    private final List<GenServerStartOptionsCustomizer> optionsCustomizers;
    private final List<SupervisorSpecCustomizer> supervisorCustomizers;
    private List<GenServerInstanceDecorator> instanceDecorators = List.of();
    private final PassivationLog passivated = new PassivationLog();
    /**
     * What the instances of each server share, built on first use: every keyed activation and
     * every restart reuses it instead of building its own start options, shutdown and factory.
     */
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final TreeSpec tree;

    /**
     * Creates the factory without customizers.
     *
     * @param beanFactory creates the server instances
     * @param definitions the servers
     * @param properties the configuration
     * @param phaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}: no server's shutdown
     *                     is longer
     * @throws InvalidConfigurationPropertyValueException when a property names a server or
     *         supervisor that does not exist, or supervisors form a cycle
     */
    public ServerSpecs(ConfigurableListableBeanFactory beanFactory, ServerDefinitions definitions,
                       GenServerProperties properties, Duration phaseTimeout) {
        this(beanFactory, definitions, properties, phaseTimeout, List.of(), List.of());
    }

    /**
     * Creates the factory and builds the tree's spec.
     *
     * @param beanFactory creates the server instances
     * @param definitions the servers
     * @param properties the configuration
     * @param phaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}: no server's shutdown
     *                     is longer
     * @param optionsCustomizers applied in order to every server's start options
     * @param supervisorCustomizers applied in order to every supervisor's spec
     * @throws InvalidConfigurationPropertyValueException when a property names a server or
     *         supervisor that does not exist, or supervisors form a cycle
     */
    public ServerSpecs(ConfigurableListableBeanFactory beanFactory, ServerDefinitions definitions,
                       GenServerProperties properties, Duration phaseTimeout,
                       List<GenServerStartOptionsCustomizer> optionsCustomizers,
                       List<SupervisorSpecCustomizer> supervisorCustomizers) {
        this.beanFactory = beanFactory;
        this.definitions = definitions;
        this.properties = properties;
        this.phaseTimeout = phaseTimeout;
        this.optionsCustomizers = List.copyOf(optionsCustomizers);
        this.supervisorCustomizers = List.copyOf(supervisorCustomizers);
        checkKeyedNames();
        this.tree = buildTree();
    }

    /**
     * Sets the decorators applied, in order, to the server of every fresh instance built by
     * {@link #factory}.
     *
     * @param decorators the decorators
     */
    public void setInstanceDecorators(List<GenServerInstanceDecorator> decorators) {
        this.instanceDecorators = List.copyOf(decorators);
    }

    /**
     * Returns the default call timeout of a server.
     *
     * @param def the server
     * @return its own, or {@code genserver.call-timeout}
     */
    public Duration callTimeout(ServerDefinition def) {
        return def.callTimeout() != null ? def.callTimeout() : properties.getCallTimeout();
    }

    /**
     * Returns the start options of a server (without its name), after the customizers.
     *
     * @param def the server
     * @return the options
     */
    public StartOptions startOptions(ServerDefinition def) {
        Duration start = def.startTimeout() != null ? def.startTimeout()
                : properties.getStartTimeout() != null ? properties.getStartTimeout() : ServerRef.INFINITY;
        GenServerProperties.Mailbox mb = properties.getMailbox();
        Integer capacity = def.mailboxCapacity() > 0 ? Integer.valueOf(def.mailboxCapacity()) : mb.getCapacity();
        OverflowPolicy policy = def.mailboxCapacity() > 0 ? def.overflow() : mb.getOverflow();
        MailboxOptions mailbox = capacity == null ? MailboxOptions.UNBOUNDED
                : policy == OverflowPolicy.BLOCK ? MailboxOptions.blocking(capacity, mb.getBlockTimeout())
                : MailboxOptions.bounded(capacity, policy);
        StartOptions options = StartOptions.defaults()
                .withCallTimeout(callTimeout(def))
                .withStartTimeout(start)
                .withMailbox(mailbox)
                .withMailboxOnCrash(mb.getOnCrash())
                .withDrainOnStop(properties.getShutdown().isDrain());
        for (GenServerStartOptionsCustomizer c : optionsCustomizers) {
            options = Objects.requireNonNull(c.customize(def.serverName(), options),
                    () -> c + " returned null start options for server " + def.serverName());
        }
        return options;
    }

    /**
     * Returns the shutdown of a server.
     *
     * @param def the server
     * @return its own, or {@code genserver.shutdown.timeout}; never longer than the shutdown phase
     */
    public Shutdown shutdown(ServerDefinition def) {
        Duration d = def.shutdown() != null ? def.shutdown() : properties.getShutdown().getTimeout();
        if (d.isZero()) {
            return Shutdown.brutalKill();
        }
        return Shutdown.timeout(d.compareTo(phaseTimeout) > 0 ? phaseTimeout : d);
    }

    /**
     * Returns how a fresh instance of a server is built: a new bean from the bean factory,
     * wrapped in a {@link BeanGenServer}.
     *
     * @param def the server
     * @param name the registered name of the process
     * @param key the key of a keyed instance, or null
     * @return the factory
     */
    public Supplier<GenServer<?>> factory(ServerDefinition def, String name, Object key) {
        Kind kind = kind(def);
        return () -> kind.create(name, key);
    }

    private Kind kind(ServerDefinition def) {
        Kind kind = kinds.get(def.serverName());
        return kind != null ? kind : kinds.computeIfAbsent(def.serverName(), n -> new Kind(def));
    }

    /**
     * What every instance of one server shares: its start options (without a name), its shutdown
     * and how a fresh instance is built. Immutable once built; the customizers of the start
     * options run once per server, with the server's name.
     */
    private final class Kind {
        final ServerDefinition def;
        final StartOptions options;
        final Shutdown shutdown;
        /** The model, passivation and destruction every instance's {@link BeanGenServer} shares. */
        final BeanGenServer.Shared beans;
        final @Nullable Supplier<GenServer<?>> stateMachines;
        /** {@link #create} as a function, one object for every keyed instance's {@link KeyedInstance}. */
        final BiFunction<String, Object, GenServer<?>> factory = this::create;

        Kind(ServerDefinition def) {
            this.def = def;
            this.options = startOptions(def);
            this.shutdown = shutdown(def);
            Duration passivate = def.isKeyed() ? idleTimeout(def) : null;
            Duration passivateAfter = passivate == null || passivate.compareTo(ServerRef.INFINITY) >= 0 ? null
                    : passivate;
            // The sweep's check goes through the mailbox: a bounded one keeps a timer per instance instead.
            boolean swept = passivateAfter != null && !options.mailbox().isBounded();
            Consumer<Object> destroyer = instance -> beanFactory.destroyBean(def.beanName(), instance);
            this.beans = new BeanGenServer.Shared(def.model(), passivateAfter, destroyer,
                    def.isKeyed() ? passivated : null, swept);
            this.stateMachines = StateMachineBeans.isStateMachine(def.serverClass())
                    ? StateMachineBeans.factory(def, () -> beanFactory.getBean(def.beanName()), destroyer) : null;
        }

        GenServer<?> create(String name, @Nullable Object key) {
            if (stateMachines != null) {
                return stateMachines.get();
            }
            Object bean = ServerKeyInjector.withKey(key, () -> beanFactory.getBean(def.beanName()));
            GenServer<Object> server = new BeanGenServer(beans, bean, name, key);
            if (!instanceDecorators.isEmpty()) {
                GenServerInstanceDecorator.Instance instance = new GenServerInstanceDecorator.Instance(
                        def.serverName(), name, key, def.serverClass(), bean);
                for (GenServerInstanceDecorator d : instanceDecorators) {
                    server = Objects.requireNonNull(d.decorate(instance, server),
                            () -> d + " returned a null server for " + name);
                }
            }
            return server;
        }
    }

    /**
     * Tells whether the last exit of a keyed instance was a passivation (and no new instance has
     * started since): a call that then found the instance stopped was never handled.
     *
     * @param instance the instance's server
     * @return true after a passivation
     */
    public boolean wasPassivated(ServerRef instance) {
        return passivated.wasPassivated(instance.id());
    }

    /**
     * Returns the child spec of a plain server.
     *
     * @param def the server
     * @return the spec
     */
    public ChildSpec childSpec(ServerDefinition def) {
        return ChildSpec.worker(def.serverName(), factory(def, def.serverName(), null))
                .withOptions(startOptions(def).withName(def.serverName()))
                .withRestart(def.restart())
                .withShutdown(shutdown(def));
    }

    /**
     * Returns the child spec of the instance of a keyed server for {@code key}, started under the
     * name {@code name[key]}.
     *
     * @param def the keyed server
     * @param key the key
     * @return the spec
     */
    public ChildSpec keyedChildSpec(ServerDefinition def, Object key) {
        return keyedChildSpec(def, key, null);
    }

    /**
     * Returns the child spec of the instance of a keyed server for {@code key}, started under the
     * name {@code name[key]} and registered by key in {@code registry}. The spec's start options,
     * shutdown and factory are shared by every instance of the keyed server; the starter (which
     * adds the name) is the instance's only object of its own.
     *
     * @param def the keyed server
     * @param key the key
     * @param registry where the instance registers by key, or null for its name alone
     * @return the spec
     */
    public ChildSpec keyedChildSpec(ServerDefinition def, Object key, @Nullable Registry registry) {
        Kind kind = kind(def);
        String name = def.serverName() + "[" + key + "]";
        KeyedInstance instance = new KeyedInstance(kind.factory, key, name, registry);
        return new ChildSpec(name, instance, List.of(), kind.options, instance, RestartType.TRANSIENT, kind.shutdown,
                ChildType.WORKER, false);
    }

    /**
     * Returns the idle timeout of a keyed server.
     *
     * @param def the keyed server
     * @return {@code genserver.keyed.<name>.idle-timeout} (0 is {@link ServerRef#INFINITY}), else
     *         the annotation's, else 30 minutes
     */
    public Duration idleTimeout(ServerDefinition def) {
        GenServerProperties.KeyedProperties p = properties.getKeyed().get(def.serverName());
        if (p != null && p.getIdleTimeout() != null) {
            return p.getIdleTimeout().isZero() ? ServerRef.INFINITY : p.getIdleTimeout();
        }
        if (def.keyed().idleTimeout() != null) {
            return def.keyed().idleTimeout();
        }
        return DEFAULT_IDLE_TIMEOUT;
    }

    private int maxInstances(ServerDefinition def) {
        GenServerProperties.KeyedProperties p = properties.getKeyed().get(def.serverName());
        if (p != null && p.getMaxInstances() != null) {
            return p.getMaxInstances();
        }
        return def.keyed().maxInstances();
    }

    // ---- the tree ---------------------------------------------------------------------------

    /** A supervisor as configured, before its children are placed. */
    private static final class Sup {
        final String name;
        Strategy strategy = Strategy.ONE_FOR_ONE;
        Integer maxRestarts;
        Duration period;
        String parent;
        /** Declared by @Supervisor, as opposed to only by genserver.supervisors.<name>. */
        boolean annotated;
        GenServerProperties.Backoff backoff;
        final List<ServerDefinition> servers = new ArrayList<>();
        final List<String> listed = new ArrayList<>();
        final List<Sup> children = new ArrayList<>();
        int declared;

        Sup(String name, int declared) {
            this.name = name;
            this.declared = declared;
        }
    }

    /**
     * Returns the spec of the root supervisor: servers placed under the supervisors named by
     * {@code @GenServer(supervisor)} or {@code genserver.supervisors.<name>.servers} (else the
     * root), ordered so that a server starts after the servers it depends on (then in declaration
     * order), and one dynamic supervisor per keyed server, started last.
     *
     * @return the tree, built when this object was created
     */
    public TreeSpec treeSpec() {
        return tree;
    }

    private void checkKeyedNames() {
        for (String name : properties.getKeyed().keySet()) {
            if (definitions.byName(name).filter(ServerDefinition::isKeyed).isEmpty()) {
                List<String> keyed = definitions.servers().stream().filter(ServerDefinition::isKeyed)
                        .map(ServerDefinition::serverName).toList();
                throw new InvalidConfigurationPropertyValueException("genserver.keyed." + name, name,
                        "no keyed @GenServer is named " + name + (definitions.byName(name).isPresent()
                                ? " (" + name + " is a @GenServer without @Keyed)" : "")
                                + "; keyed servers: " + keyed);
            }
        }
    }

    private TreeSpec buildTree() {
        Map<String, Sup> sups = new LinkedHashMap<>();
        Sup root = new Sup(TreeSpec.ROOT, -1);
        sups.put(root.name, root);
        int order = 0;
        for (Supervisor s : definitions.supervisors()) {
            Sup sup = sups.computeIfAbsent(s.name(), n -> new Sup(n, 0));
            sup.strategy = s.strategy();
            sup.maxRestarts = s.maxRestarts() >= 0 ? s.maxRestarts() : null;
            sup.period = s.maxSeconds() > 0 ? Duration.ofSeconds(s.maxSeconds()) : null;
            sup.parent = s.parent().isBlank() ? null : s.parent();
            sup.annotated = true;
        }
        Map<String, String> placedByProperty = new HashMap<>();
        for (Map.Entry<String, GenServerProperties.SupervisorProperties> e : properties.getSupervisors().entrySet()) {
            Sup sup = sups.computeIfAbsent(e.getKey(), n -> new Sup(n, 0));
            GenServerProperties.SupervisorProperties p = e.getValue();
            if (p.getStrategy() != null) {
                sup.strategy = p.getStrategy();
            }
            if (p.getMaxRestarts() != null) {
                sup.maxRestarts = p.getMaxRestarts();
            }
            if (p.getPeriod() != null) {
                sup.period = p.getPeriod();
            }
            if (p.getParent() != null) {
                if (sup == root) {
                    throw new InvalidConfigurationPropertyValueException("genserver.supervisors.root.parent",
                            p.getParent(), "the root supervisor has no parent; remove the property");
                }
                sup.parent = p.getParent();
            }
            sup.backoff = p.getBackoff();
            checkBackoff(e.getKey(), p.getBackoff());
            for (String server : p.getServers()) {
                Optional<ServerDefinition> def = definitions.byName(server);
                if (def.isEmpty() || def.get().isKeyed()) {
                    throw new InvalidConfigurationPropertyValueException("genserver.supervisors." + e.getKey()
                            + ".servers", server, (def.isEmpty() ? server + " is not a @GenServer"
                            : server + " is a keyed server, which runs under its own dynamic supervisor")
                            + "; servers that can be placed: " + definitions.servers().stream()
                            .filter(d -> !d.isKeyed()).map(ServerDefinition::serverName).toList());
                }
                placedByProperty.put(server, e.getKey());
                sup.listed.add(server);
            }
        }
        Map<String, String> supervisorOf = new HashMap<>();
        for (ServerDefinition def : definitions.servers()) {
            order++;
            if (def.isKeyed()) {
                continue;
            }
            String supName = placedByProperty.getOrDefault(def.serverName(),
                    def.supervisor() != null ? def.supervisor() : root.name);
            int o = order;
            Sup sup = sups.computeIfAbsent(supName, n -> new Sup(n, o));
            sup.servers.add(def);
            supervisorOf.put(def.serverName(), supName);
            if (sup.declared == 0) {
                sup.declared = o;
            }
        }
        for (Sup sup : sups.values()) {
            if (sup == root) {
                continue;
            }
            String parent = sup.parent == null ? root.name : sup.parent;
            Sup p = sups.get(parent);
            boolean byProperty = properties.getSupervisors().containsKey(sup.name)
                    && properties.getSupervisors().get(sup.name).getParent() != null;
            if (p == null) {
                String reason = "no supervisor is named " + parent + "; supervisors: " + new TreeSet<>(sups.keySet())
                        + " (declare one with @Supervisor or genserver.supervisors.<name>)";
                if (byProperty) {
                    throw new InvalidConfigurationPropertyValueException("genserver.supervisors." + sup.name
                            + ".parent", parent, reason);
                }
                throw new IllegalStateException("@Supervisor(name = \"" + sup.name + "\", parent = \"" + parent
                        + "\"): " + reason);
            }
            Set<String> seen = new HashSet<>();
            for (Sup a = p; a != null && a != root; a = sups.get(a.parent == null ? root.name : a.parent)) {
                if (!seen.add(a.name) || a == sup) {
                    String reason = "supervisors " + seen + " form a cycle of parents; fix their parent settings";
                    if (byProperty) {
                        throw new InvalidConfigurationPropertyValueException("genserver.supervisors." + sup.name
                                + ".parent", parent, reason);
                    }
                    throw new IllegalStateException(reason);
                }
            }
            p.children.add(sup);
        }
        for (Sup sup : sups.values()) {
            if (sup != root && !sup.annotated && sup.servers.isEmpty() && sup.children.isEmpty()) {
                throw new InvalidConfigurationPropertyValueException("genserver.supervisors." + sup.name, sup.name,
                        "no @Supervisor is named " + sup.name + " and no server is placed under it, so it would be "
                                + "an empty supervisor; declared supervisors: " + sups.values().stream()
                                .filter(x -> x != sup).map(x -> x.name).sorted().toList()
                                + " (to create one from properties, list its servers in genserver.supervisors."
                                + sup.name + ".servers)");
            }
        }
        GenServerProperties.SupervisorProperties rootProps = properties.getSupervisors().get(root.name);
        int defaultRestarts = root.maxRestarts != null ? root.maxRestarts : SupervisorSpec.DEFAULT_MAX_RESTARTS;
        Duration defaultPeriod = root.period != null ? root.period : SupervisorSpec.DEFAULT_PERIOD;
        if (rootProps != null) {
            root.backoff = rootProps.getBackoff();
        }
        Map<String, Strategy> strategies = new HashMap<>();
        Set<String> dynamic = new HashSet<>();
        SupervisorSpec spec = build(root, defaultRestarts, defaultPeriod, strategies);
        for (ServerDefinition def : definitions.servers()) {
            if (def.isKeyed()) {
                String name = KeyedServerManager.supervisorName(def.serverName());
                int max = maxInstances(def);
                DynamicSupervisorSpec dyn = DynamicSupervisorSpec.defaults()
                        .withIntensity(defaultRestarts, defaultPeriod)
                        .withMaxChildren(max > 0 ? max : Integer.MAX_VALUE)
                        .withBackoff(backoff(root.backoff));
                spec = spec.withChild(ChildSpec.supervisor(name, dyn).withName(TreeSpec.processName(name)));
                strategies.put(name, Strategy.ONE_FOR_ONE);
                dynamic.add(name);
            }
        }
        spec = customize(root.name, spec);
        return new TreeSpec(spec, strategies, dynamic, supervisorOf);
    }

    private SupervisorSpec customize(String name, SupervisorSpec spec) {
        for (SupervisorSpecCustomizer c : supervisorCustomizers) {
            spec = Objects.requireNonNull(c.customize(name, spec),
                    () -> c + " returned a null spec for supervisor " + name);
        }
        return spec;
    }

    private static void checkBackoff(String supervisor, GenServerProperties.Backoff b) {
        if (b.getInitial() != null && b.getMax().compareTo(b.getInitial()) < 0) {
            throw new InvalidConfigurationPropertyValueException("genserver.supervisors." + supervisor
                    + ".backoff.max", b.getMax(), "it is shorter than the initial delay ("
                    + b.getInitial() + "); make it at least as long");
        }
    }

    private SupervisorSpec build(Sup sup, int defaultRestarts, Duration defaultPeriod, Map<String, Strategy> strategies) {
        record Node(String name, ChildSpec child, Set<String> contains, Set<String> deps, int order) {
        }
        List<Node> nodes = new ArrayList<>();
        for (ServerDefinition def : sup.servers) {
            int listedAt = sup.listed.indexOf(def.serverName());
            int declaredAt = definitions.servers().indexOf(def);
            nodes.add(new Node(def.serverName(), childSpec(def), Set.of(def.serverName()),
                    new HashSet<>(def.dependsOn()), listedAt >= 0 ? listedAt - 1_000_000 : declaredAt));
        }
        for (Sup child : sup.children) {
            SupervisorSpec spec = customize(child.name, build(child, defaultRestarts, defaultPeriod, strategies));
            Set<String> contains = new HashSet<>();
            Set<String> deps = new HashSet<>();
            collect(child, contains, deps);
            nodes.add(new Node(child.name, ChildSpec.supervisor(child.name, spec)
                    .withName(TreeSpec.processName(child.name)), contains, deps, child.declared));
        }
        nodes.sort((a, b) -> Integer.compare(a.order(), b.order()));
        // Stable topological order: repeatedly take the first node whose dependencies among its
        // siblings have all started.
        List<ChildSpec> ordered = new ArrayList<>();
        List<Node> pending = new ArrayList<>(nodes);
        while (!pending.isEmpty()) {
            Node next = null;
            for (Node n : pending) {
                boolean ready = true;
                for (Node other : pending) {
                    if (other != n && n.deps().stream().anyMatch(other.contains()::contains)) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    next = n;
                    break;
                }
            }
            if (next == null) {
                next = pending.getFirst(); // a cycle: keep declaration order
            }
            pending.remove(next);
            ordered.add(next.child());
        }
        int maxRestarts = sup.maxRestarts != null ? sup.maxRestarts : defaultRestarts;
        Duration period = sup.period != null ? sup.period : defaultPeriod;
        strategies.put(sup.name, sup.strategy);
        return SupervisorSpec.of(sup.strategy, ordered)
                .withIntensity(maxRestarts, period)
                .withBackoff(backoff(sup.backoff));
    }

    private static void collect(Sup sup, Set<String> contains, Set<String> deps) {
        for (ServerDefinition def : sup.servers) {
            contains.add(def.serverName());
            deps.addAll(def.dependsOn());
        }
        for (Sup child : sup.children) {
            collect(child, contains, deps);
        }
    }

    private static Backoff backoff(GenServerProperties.Backoff b) {
        if (b == null || b.getInitial() == null) {
            return Backoff.NONE;
        }
        return new Backoff(b.getInitial(), b.getMax(), b.getMultiplier(), b.getJitter(), b.getResetAfter());
    }
}
