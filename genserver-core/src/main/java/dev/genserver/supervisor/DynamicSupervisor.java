package dev.genserver.supervisor;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.GenServerException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A supervisor that starts empty and whose children are started on demand (Elixir's
 * {@code DynamicSupervisor}): one server per user, cart, game or device.
 *
 * <h2>The model</h2>
 *
 * <p>Children are added with {@link #startChild(ChildSpec)} and removed with
 * {@link #terminateChild(ServerRef)}, by their server; child ids play no role. The strategy is
 * always one-for-one, and the restart types and intensity rules are those of {@link Supervisor}:
 * past the intensity, every child is stopped and the supervisor exits with {@code shutdown}. A
 * child whose init says ignore is not kept. {@link DynamicSupervisorSpec#maxChildren()} bounds the
 * number of children (starts in progress included), and
 * {@link DynamicSupervisorSpec#extraArguments()} are put before each child's own arguments.
 *
 * <pre>{@code
 * DynamicSupervisor carts = DynamicSupervisor.start(runtime,
 *         DynamicSupervisorSpec.defaults().withMaxChildren(10_000), StartOptions.named("carts"));
 *
 * ServerRef cart = carts.startChild(
 *         ChildSpec.worker("cart", args -> new Cart((String) args.get(0)), "user-42")
 *                 .withStarter(registry.via("user-42"))).ref();
 * ...
 * carts.terminateChild(cart);
 * }</pre>
 *
 * <p><b>No bottleneck.</b> In OTP a child's init runs inside the supervisor, so a slow init holds
 * up every other start on it. Here {@link #startChild} reserves a slot, runs the child's start on
 * the calling thread and then hands the running child to the supervisor, and restarts run on
 * threads of their own: a slow init delays only its own start.
 *
 * <p>The rules are section 10 of the project's behavioural contract, {@code docs/contract.md}
 * (and section 9 for what it shares with {@link Supervisor}).
 */
public final class DynamicSupervisor {

    private final ServerRef ref;

    private DynamicSupervisor(ServerRef ref) {
        this.ref = Objects.requireNonNull(ref, "ref");
    }

    /**
     * Starts an anonymous dynamic supervisor, with no children.
     *
     * @param runtime the runtime
     * @param spec intensity, maximum children, extra arguments
     * @return the supervisor
     */
    public static DynamicSupervisor start(ProcessRuntime runtime, DynamicSupervisorSpec spec) {
        return start(runtime, spec, StartOptions.defaults());
    }

    /**
     * Starts a dynamic supervisor, with no children.
     *
     * @param runtime the runtime
     * @param spec intensity, maximum children, extra arguments
     * @param options the supervisor's own start options, typically its name; a supervisor's
     *     mailbox is never bounded, whatever they say, so that its children's exits always reach it
     * @return the supervisor
     */
    public static DynamicSupervisor start(ProcessRuntime runtime, DynamicSupervisorSpec spec, StartOptions options) {
        Objects.requireNonNull(spec, "spec");
        StartOptions unbounded = options.withMailbox(MailboxOptions.UNBOUNDED);
        return new DynamicSupervisor(runtime.start(() -> new DynamicSupervisorServer(spec), unbounded).ref());
    }

    /**
     * Tells whether a server is a dynamic supervisor, started by {@link #start} or as a child
     * from {@link ChildSpec#supervisor(String, DynamicSupervisorSpec)}: a tool that walks a
     * supervision tree ({@link Supervisor#whichChildren()} lists both kinds as
     * {@link ChildType#SUPERVISOR}) wraps it with {@link #of} rather than {@link Supervisor#of}.
     * Reads the server's {@linkplain ServerRef#info() inspection snapshot}; the answer holds for a
     * server that has ended too.
     *
     * @param server any server
     * @return true when it is a dynamic supervisor
     */
    public static boolean isDynamicSupervisor(ServerRef server) {
        return DynamicSupervisorServer.class.getName().equals(Objects.requireNonNull(server, "server").info()
                .serverType());
    }

    /**
     * Wraps a running dynamic supervisor.
     *
     * @param ref the supervisor's server
     * @return the handle
     */
    public static DynamicSupervisor of(ServerRef ref) {
        return new DynamicSupervisor(ref);
    }

    /**
     * Returns the supervisor's server.
     *
     * @return the reference
     */
    public ServerRef ref() {
        return ref;
    }

    /**
     * Starts a child and puts it under this supervisor. The child's init runs while only this
     * caller waits; other starts on the same supervisor go on meanwhile.
     *
     * @param spec the child; its id is informative only
     * @return {@link StartResult.Started} with the child's server, or {@link StartResult.Ignored}
     *     when its init said ignore (nothing is kept)
     * @throws MaxChildrenException the supervisor has its maximum number of children
     * @throws ChildStartFailedException the child's init failed
     * @throws AlreadyStartedException the child's name is taken (by a registry key, say)
     * @throws IllegalArgumentException the child is {@linkplain ChildSpec#asSignificant() significant}:
     *     a dynamic supervisor has no auto shutdown (as in Elixir), so nothing is started
     * @throws dev.genserver.process.NoProcessException the supervisor is not running
     */
    public StartResult startChild(ChildSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.significant()) {
            throw new IllegalArgumentException("child " + spec.id() + " is significant but dynamic supervisor "
                    + ref.displayName() + " has no auto shutdown; drop asSignificant(), or put the child under a "
                    + "Supervisor whose spec sets withAutoShutdown(ANY_SIGNIFICANT or ALL_SIGNIFICANT)");
        }
        Protocol.Reservation reservation = (Protocol.Reservation) call(new Protocol.Reserve());
        ChildSpec full = spec.withArgsPrepended(reservation.extraArguments());
        ProcessRuntime runtime = reservation.runtime();
        boolean handedOver = false;
        try {
            StartResult result;
            try {
                result = full.starter().start(runtime, full.supplier(), full.supervisedOptions());
                if (result == null) {
                    throw new IllegalStateException("the starter of child " + full.id() + " returned null");
                }
            } catch (AlreadyStartedException e) {
                throw e;
            } catch (RuntimeException e) {
                ExitReason reason = ChildOps.failureReason(e);
                throw new ChildStartFailedException(ref.displayName(), full.id(), reason, reason, e);
            }
            if (!result.isStarted()) {
                return result;
            }
            ServerRef child = result.ref();
            try {
                call(new Protocol.Adopt(reservation.token(), child, full));
                handedOver = true;
            } catch (RuntimeException | Error supervisorGone) {
                // The supervisor stopped while the child was starting: the child must not outlive it.
                ChildOps.shutdown(runtime, child, full.shutdown());
                ChildOps.discard(runtime, child, ExitReason.SHUTDOWN);
                throw supervisorGone;
            }
            return result;
        } finally {
            if (!handedOver) {
                release(reservation);
            }
        }
    }

    private void release(Protocol.Reservation reservation) {
        try {
            call(new Protocol.Release(reservation.token()));
        } catch (GenServerException supervisorGone) {
            // nothing to release any more
        }
    }

    /**
     * Stops a child as its {@link Shutdown} says and forgets it.
     *
     * @param child the child's server
     * @throws ChildNotFoundException it is not a child of this supervisor
     */
    public void terminateChild(ServerRef child) {
        call(new Protocol.TerminateRef(Objects.requireNonNull(child, "child")));
    }

    /**
     * Lists the children, oldest first.
     *
     * @return a snapshot
     */
    @SuppressWarnings("unchecked")
    public List<ChildInfo> whichChildren() {
        return (List<ChildInfo>) call(new Protocol.WhichChildren());
    }

    /**
     * Counts the children.
     *
     * @return the counts
     */
    public ChildCounts countChildren() {
        return (ChildCounts) call(new Protocol.CountChildren());
    }

    /** Stops the supervisor with reason {@code shutdown}; its children stop concurrently. */
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
        return "DynamicSupervisor[" + ref.displayName() + "]";
    }
}
