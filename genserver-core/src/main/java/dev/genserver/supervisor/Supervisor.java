package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A supervisor: a server that starts other servers, its <em>children</em>, watches them and
 * restarts them when they exit (OTP's {@code supervisor}, Elixir's {@code Supervisor}).
 *
 * <h2>The model</h2>
 *
 * <p>A supervisor starts its children in the order of its {@link SupervisorSpec}, each through its
 * {@link ChildSpec}. When a child exits on its own, its {@link RestartType} decides whether it is
 * restarted, and the {@link Strategy} decides which other children are restarted with it. A
 * restart builds a <b>fresh instance</b> of the child and runs its init again, but (beyond OTP)
 * keeps the child's server: its name, its {@link ServerRef} and its <b>mailbox</b>, so messages
 * queued behind the one that crashed the child are handled by the new instance.
 *
 * <p>Crashing is expected; crashing too often is not. When more than {@code maxRestarts} restarts
 * happen within {@code period} (3 in 5 s by default), the supervisor gives up: it stops all its
 * children in reverse start order and exits with {@code shutdown}. Its own supervisor sees that
 * as the exit of a child and restarts it, if it is permanent, with fresh children: failures
 * escalate up the tree until a level where a restart cures them. Supervisors nest to any depth
 * ({@link ChildSpec#supervisor(String, SupervisorSpec)}).
 *
 * <pre>{@code
 * Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
 *         ChildSpec.worker("db", DbPool::new).withName("db"),
 *         ChildSpec.supervisor("sessions", SupervisorSpec.oneForAll(
 *                 ChildSpec.worker("store", SessionStore::new),
 *                 ChildSpec.worker("sweeper", Sweeper::new))))
 *     .withIntensity(5, Duration.ofSeconds(10)), StartOptions.named("root"));
 *
 * root.whichChildren();                 // [db RUNNING, sessions RUNNING]
 * root.terminateChild("db");            // stopped; the spec stays
 * root.restartChild("db");              // running again
 * root.stop();                          // children stop in reverse order: sessions, then db
 * }</pre>
 *
 * <p>Every method of this class but {@link #start} is a call to the supervisor process, handled
 * in turn with the exits of its children, and waits as long as it takes (supervisor calls have no
 * timeout, as in OTP). OTP's error answers become exceptions: {@link ChildAlreadyStartedException},
 * {@link ChildAlreadyPresentException}, {@link ChildRunningException},
 * {@link ChildRestartingException}, {@link ChildNotFoundException} and
 * {@link ChildStartFailedException}.
 *
 * <p>Supervisor reports (a child crashed, was restarted, failed to start, the supervisor gave up)
 * are logged to the {@code dev.genserver.supervisor} logger, like OTP's SASL reports.
 *
 * <p>The rules (child specs, strategies, intensity, restart types, start, shutdown, the API's
 * error cases, auto shutdown and backoff) are section 9 of the project's behavioural contract,
 * {@code docs/contract.md}; the package documentation summarises them.
 */
public final class Supervisor {

    private final ServerRef ref;

    private Supervisor(ServerRef ref) {
        this.ref = Objects.requireNonNull(ref, "ref");
    }

    /**
     * Starts an anonymous supervisor and its children; returns when they all run.
     *
     * @param runtime the runtime
     * @param spec the strategy, intensity and children
     * @return the supervisor
     * @throws ChildStartFailedException when a child could not start; the children already
     *     started were stopped in reverse order
     */
    public static Supervisor start(ProcessRuntime runtime, SupervisorSpec spec) {
        return start(runtime, spec, StartOptions.defaults());
    }

    /**
     * Starts a supervisor and its children; returns when they all run.
     *
     * @param runtime the runtime
     * @param spec the strategy, intensity and children
     * @param options the supervisor's own start options, typically its name; a supervisor's
     *     mailbox is never bounded, whatever they say, so that its children's exits always reach it
     * @return the supervisor
     * @throws ChildStartFailedException when a child could not start; the children already
     *     started were stopped in reverse order
     * @throws dev.genserver.process.AlreadyStartedException when the name is taken
     * @throws IllegalArgumentException a child is significant and the spec has no auto shutdown
     */
    public static Supervisor start(ProcessRuntime runtime, SupervisorSpec spec, StartOptions options) {
        Objects.requireNonNull(spec, "spec").validate();
        try {
            StartOptions unbounded = options.withMailbox(MailboxOptions.UNBOUNDED);
            return new Supervisor(runtime.start(() -> new SupervisorServer(spec), unbounded).ref());
        } catch (StartFailedException e) {
            throw rethrow(e, options);
        }
    }

    static RuntimeException rethrow(StartFailedException e, StartOptions options) {
        if (e.reason() instanceof ExitReason.Shutdown(FailedToStartChild failed)) {
            String supervisor = options.name() != null ? options.name() : e.server();
            return new ChildStartFailedException(supervisor, failed.id(), failed.reason(), e.reason(), e);
        }
        return e;
    }

    /**
     * Wraps a running supervisor, for example a child supervisor found through
     * {@link #whichChildren()} or by name.
     *
     * @param ref the supervisor's server
     * @return the handle
     */
    public static Supervisor of(ServerRef ref) {
        return new Supervisor(ref);
    }

    /**
     * Returns the supervisor's server, to monitor, stop or inspect it.
     *
     * @return the reference
     */
    public ServerRef ref() {
        return ref;
    }

    /**
     * Adds a child and starts it (OTP's {@code start_child}). It is stopped last and started first
     * of the children restarted with it, after the children already there.
     *
     * @param spec the child
     * @return {@link StartResult.Started} with the child's server, or {@link StartResult.Ignored}
     *     when its init said ignore (the spec is then kept with no server, unless temporary)
     * @throws ChildAlreadyStartedException a child with this id runs
     * @throws ChildAlreadyPresentException a child with this id is known but not running
     * @throws ChildStartFailedException the child's init failed; the spec is not kept
     * @throws dev.genserver.process.AlreadyStartedException the child's server name is taken
     * @throws IllegalArgumentException the child is significant and the supervisor has no auto shutdown
     */
    public StartResult startChild(ChildSpec spec) {
        return (StartResult) call(new Protocol.StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /**
     * Stops a child as its {@link Shutdown} says and keeps its spec, with no server (OTP's
     * {@code terminate_child}); a temporary child is forgotten. Messages queued for it are not
     * handled: callers fail at once. It is not restarted until {@link #restartChild}.
     *
     * @param id the child's id
     * @throws ChildNotFoundException no such child
     */
    public void terminateChild(String id) {
        call(new Protocol.TerminateChild(id));
    }

    /**
     * Starts again a child that has no server (OTP's {@code restart_child}), after
     * {@link #terminateChild} or an ignored start.
     *
     * @param id the child's id
     * @return started, or ignored
     * @throws ChildRunningException the child runs
     * @throws ChildRestartingException the supervisor is restarting it
     * @throws ChildNotFoundException no such child
     * @throws ChildStartFailedException its init failed; it stays without a server
     */
    public StartResult restartChild(String id) {
        return (StartResult) call(new Protocol.RestartChild(id));
    }

    /**
     * Forgets a child that has no server (OTP's {@code delete_child}).
     *
     * @param id the child's id
     * @throws ChildRunningException the child runs; terminate it first
     * @throws ChildRestartingException the supervisor is restarting it
     * @throws ChildNotFoundException no such child
     */
    public void deleteChild(String id) {
        call(new Protocol.DeleteChild(id));
    }

    /**
     * Lists the children in start order (OTP's {@code which_children}).
     *
     * @return a snapshot
     */
    @SuppressWarnings("unchecked")
    public List<ChildInfo> whichChildren() {
        return (List<ChildInfo>) call(new Protocol.WhichChildren());
    }

    /**
     * Counts the children (OTP's {@code count_children}).
     *
     * @return the counts
     */
    public ChildCounts countChildren() {
        return (ChildCounts) call(new Protocol.CountChildren());
    }

    /**
     * Returns a child's spec (OTP's {@code get_childspec}).
     *
     * @param id the child's id
     * @return the spec, or empty when there is no such child
     */
    @SuppressWarnings("unchecked")
    public Optional<ChildSpec> childSpec(String id) {
        return (Optional<ChildSpec>) call(new Protocol.GetChildSpec(id));
    }

    /**
     * Returns a child's server while it runs.
     *
     * @param id the child's id
     * @return the reference, or empty when there is no such child or it does not run
     */
    public Optional<ServerRef> child(String id) {
        for (ChildInfo info : whichChildren()) {
            if (info.id().equals(id)) {
                return info.runningRef();
            }
        }
        return Optional.empty();
    }

    /**
     * Stops the supervisor with reason {@code shutdown}: its children stop in reverse start order,
     * each as its {@link Shutdown} says; returns when they and the supervisor are gone.
     */
    public void stop() {
        ref.stop(ExitReason.SHUTDOWN, ServerRef.INFINITY);
    }

    /**
     * Stops the supervisor, killing it (and then its children) if it takes longer than
     * {@code timeout}.
     *
     * @param reason the exit reason
     * @param timeout the most to wait
     */
    public void stop(ExitReason reason, Duration timeout) {
        ref.stop(reason, timeout);
    }

    private Object call(Object request) {
        return Protocol.unwrap(ref.call(request, ServerRef.INFINITY));
    }

    @Override
    public String toString() {
        return "Supervisor[" + ref.displayName() + "]";
    }
}
