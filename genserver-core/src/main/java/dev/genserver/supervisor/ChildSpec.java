package dev.genserver.supervisor;

import dev.genserver.process.GenServer;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.StartOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a supervisor starts, restarts and stops one child (OTP's child specification). Immutable;
 * each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * ChildSpec.worker("db", DbPool::new)                                    // permanent, 5 s shutdown
 * ChildSpec.worker("cache", Cache::new).withOptions(StartOptions.named("cache"))
 * ChildSpec.worker("job", Job::new).withRestart(RestartType.TRANSIENT)
 * ChildSpec.worker("conn", args -> new Conn((String) args.get(0)), "db.local:5432")
 * ChildSpec.supervisor("workers", SupervisorSpec.oneForOne(...))       // infinity shutdown
 * }</pre>
 *
 * @param id unique among the children of one supervisor
 * @param factory builds a fresh server instance from {@link #args()} for every start and restart
 * @param args the arguments handed to the factory (after a dynamic supervisor's extra arguments)
 * @param options the child's start options (name, timeouts, mailbox); the supervisor makes them
 *     restartable
 * @param starter how the first start happens; {@link ChildStarter#DEFAULT} or a registry's
 *     {@link dev.genserver.registry.Registry#via(Object) via}
 * @param restart when the child is restarted; {@link RestartType#PERMANENT} by default
 * @param shutdown how the child is stopped; 5 s for workers and infinity for supervisors by default
 * @param type worker or supervisor
 * @param significant whether its exit can shut the supervisor down (see {@link AutoShutdown})
 */
public record ChildSpec(String id, ChildFactory factory, List<Object> args, StartOptions options,
                        ChildStarter starter, RestartType restart, Shutdown shutdown, ChildType type,
                        boolean significant) {

    /**
     * Validates the spec.
     *
     * @param id the id
     * @param factory the factory
     * @param args the arguments
     * @param options the start options
     * @param starter the starter
     * @param restart the restart type
     * @param shutdown the shutdown
     * @param type the type
     * @param significant whether significant
     */
    public ChildSpec {
        Objects.requireNonNull(id, "child id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("child id must not be blank");
        }
        Objects.requireNonNull(factory, () -> "factory of child " + id);
        args = immutableCopy(Objects.requireNonNull(args, () -> "args of child " + id));
        Objects.requireNonNull(options, () -> "options of child " + id);
        Objects.requireNonNull(starter, () -> "starter of child " + id);
        Objects.requireNonNull(restart, () -> "restart type of child " + id);
        Objects.requireNonNull(shutdown, () -> "shutdown of child " + id);
        Objects.requireNonNull(type, () -> "type of child " + id);
        if (significant && restart == RestartType.PERMANENT) {
            throw new IllegalArgumentException("child " + id + " cannot be both permanent and significant: a permanent "
                    + "child is always restarted, so its exit never shuts the supervisor down; make it transient or "
                    + "temporary");
        }
    }

    /**
     * A permanent worker with no arguments.
     *
     * @param id the child's id
     * @param factory builds a fresh server instance for every start and restart
     * @return the spec
     */
    public static ChildSpec worker(String id, Supplier<? extends GenServer<?>> factory) {
        Objects.requireNonNull(factory, () -> "factory of child " + id);
        return worker(id, new OfSupplier(factory));
    }

    /**
     * The factory of {@link #worker(String, Supplier)}: {@link #supplier()} hands the supplier
     * itself to the runtime, so that a child's server keeps no wrapper of its own.
     */
    private record OfSupplier(Supplier<? extends GenServer<?>> supplier) implements ChildFactory {
        @Override
        public GenServer<?> create(List<Object> args) {
            return supplier.get();
        }
    }

    /**
     * An unmodifiable copy that allows nulls; no list of its own for no or one argument (every
     * child of a dynamic supervisor keeps its spec for as long as it runs).
     */
    private static List<Object> immutableCopy(List<Object> args) {
        return switch (args.size()) {
            case 0 -> List.of();
            case 1 -> Collections.singletonList(args.getFirst());
            default -> Collections.unmodifiableList(new ArrayList<>(args));
        };
    }

    /**
     * A permanent worker whose factory receives arguments.
     *
     * @param id the child's id
     * @param factory builds a fresh server instance from the arguments
     * @param args the arguments
     * @return the spec
     */
    public static ChildSpec worker(String id, ChildFactory factory, Object... args) {
        return new ChildSpec(id, factory, Arrays.asList(args.clone()), StartOptions.defaults(), ChildStarter.DEFAULT,
                RestartType.PERMANENT, Shutdown.WORKER_DEFAULT, ChildType.WORKER, false);
    }

    /**
     * A permanent child that is itself a supervisor, stopped with {@link Shutdown#infinity()}.
     *
     * @param id the child's id
     * @param spec the child supervisor's spec
     * @return the spec
     */
    public static ChildSpec supervisor(String id, SupervisorSpec spec) {
        Objects.requireNonNull(spec, () -> "spec of child supervisor " + id).validate();
        return new ChildSpec(id, args -> new SupervisorServer(spec), List.of(), StartOptions.defaults(),
                ChildStarter.DEFAULT, RestartType.PERMANENT, Shutdown.infinity(), ChildType.SUPERVISOR, false);
    }

    /**
     * A permanent child that is a dynamic supervisor, stopped with {@link Shutdown#infinity()}.
     *
     * @param id the child's id
     * @param spec the dynamic supervisor's spec
     * @return the spec
     */
    public static ChildSpec supervisor(String id, DynamicSupervisorSpec spec) {
        Objects.requireNonNull(spec, () -> "spec of child supervisor " + id);
        return new ChildSpec(id, args -> new DynamicSupervisorServer(spec), List.of(), StartOptions.defaults(),
                ChildStarter.DEFAULT, RestartType.PERMANENT, Shutdown.infinity(), ChildType.SUPERVISOR, false);
    }

    /**
     * Returns a copy with another restart type.
     *
     * @param restart permanent, transient or temporary
     * @return the copy
     */
    public ChildSpec withRestart(RestartType restart) {
        return new ChildSpec(id, factory, args, options, starter, restart, shutdown, type, significant);
    }

    /**
     * Returns a copy with another shutdown.
     *
     * @param shutdown brutal kill, a timeout, or infinity
     * @return the copy
     */
    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, factory, args, options, starter, restart, shutdown, type, significant);
    }

    /**
     * Returns a copy with other start options (name, start and call timeouts, mailbox). The
     * supervisor always makes the child restartable and never links it to the caller.
     *
     * @param options the options
     * @return the copy
     */
    public ChildSpec withOptions(StartOptions options) {
        return new ChildSpec(id, factory, args, options, starter, restart, shutdown, type, significant);
    }

    /**
     * Returns a copy whose server is registered under {@code name} in the runtime.
     *
     * @param name the server name
     * @return the copy
     */
    public ChildSpec withName(String name) {
        return withOptions(options.withName(name));
    }

    /**
     * Returns a copy with other arguments for the factory.
     *
     * @param args the arguments
     * @return the copy
     */
    public ChildSpec withArgs(Object... args) {
        return new ChildSpec(id, factory, Arrays.asList(args.clone()), options, starter, restart, shutdown, type,
                significant);
    }

    /**
     * Returns a copy that starts through {@code starter}, for example
     * {@link dev.genserver.registry.Registry#via(Object) registry.via(key)}.
     *
     * @param starter the starter
     * @return the copy
     */
    public ChildSpec withStarter(ChildStarter starter) {
        return new ChildSpec(id, factory, args, options, starter, restart, shutdown, type, significant);
    }

    /**
     * Returns a copy marked significant: its final exit can shut the supervisor down (see
     * {@link AutoShutdown}). The child must be transient or temporary.
     *
     * @return the copy
     */
    public ChildSpec asSignificant() {
        return new ChildSpec(id, factory, args, options, starter, restart, shutdown, type, true);
    }

    /**
     * Returns a copy whose arguments are {@code extra} followed by this spec's own.
     *
     * @param extra the arguments to put first
     * @return the copy
     */
    ChildSpec withArgsPrepended(List<Object> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<Object> all = new ArrayList<>(extra.size() + args.size());
        all.addAll(extra);
        all.addAll(args);
        return new ChildSpec(id, factory, all, options, starter, restart, shutdown, type, significant);
    }

    /**
     * The factory handed to the runtime: builds an instance from this spec's arguments. A worker
     * built from a {@link Supplier} without arguments gets that supplier itself (the runtime
     * reports a null instance naming the server).
     */
    Supplier<? extends GenServer<?>> supplier() {
        if (args.isEmpty() && factory instanceof OfSupplier(Supplier<? extends GenServer<?>> s)) {
            return s;
        }
        List<Object> a = args;
        ChildFactory f = factory;
        String childId = id;
        return () -> {
            GenServer<?> server = f.create(a);
            if (server == null) {
                throw new IllegalStateException("the factory of child " + childId + " returned null");
            }
            return server;
        };
    }

    /**
     * The options handed to the starter: the child's own, restartable by its supervisor, not
     * linked. A supervisor's mailbox is never bounded: the notices of its children's exits must
     * always fit.
     */
    StartOptions supervisedOptions() {
        StartOptions supervised = RuntimeAccess.SUPERVISION.restartable(options).withLinkToCaller(false);
        return type == ChildType.SUPERVISOR ? supervised.withMailbox(MailboxOptions.UNBOUNDED) : supervised;
    }

    @Override
    public String toString() {
        return "ChildSpec[id=" + id + ", type=" + type + ", restart=" + restart + ", shutdown=" + shutdown
                + (significant ? ", significant" : "") + (args.isEmpty() ? "" : ", args=" + args)
                + (options.name() == null ? "" : ", name=" + options.name()) + "]";
    }
}
