/**
 * Supervision: OTP's {@code supervisor} and Elixir's {@code DynamicSupervisor} on top of the
 * process runtime.
 *
 * <p>A <b>supervisor</b> is a server whose job is to start other servers (its children), watch
 * them and restart them when they exit. What to start, how, and what to do when a child exits is
 * declared, not programmed:
 *
 * <ul>
 *   <li>a {@link dev.genserver.supervisor.ChildSpec} per child: an id, a factory, a
 *       {@link dev.genserver.supervisor.RestartType restart type}, a
 *       {@link dev.genserver.supervisor.Shutdown shutdown} and a
 *       {@link dev.genserver.supervisor.ChildType type};</li>
 *   <li>a {@link dev.genserver.supervisor.SupervisorSpec} for the supervisor: the children in start
 *       order, the {@link dev.genserver.supervisor.Strategy strategy}, the restart intensity, and
 *       optionally an {@link dev.genserver.supervisor.AutoShutdown auto shutdown} and a
 *       {@link dev.genserver.supervisor.Backoff restart backoff}.</li>
 * </ul>
 *
 * <pre>{@code
 * try (ProcessRuntime runtime = ProcessRuntime.create()) {
 *     Supervisor app = Supervisor.start(runtime, SupervisorSpec.restForOne(
 *             ChildSpec.worker("db", DbPool::new).withName("db"),
 *             ChildSpec.worker("orders", Orders::new).withName("orders"),
 *             ChildSpec.supervisor("carts", DynamicSupervisorSpec.defaults()).withName("carts")));
 *
 *     DynamicSupervisor carts = DynamicSupervisor.of(runtime.whereis("carts").orElseThrow());
 *     ServerRef cart = carts.startChild(ChildSpec.worker("cart", Cart::new)).ref();
 * }
 * }</pre>
 *
 * <h2 id="restarts">Restarts</h2>
 *
 * <p>Restarting a child builds a fresh instance and runs its init again, but keeps the child's
 * server: its name, its {@link dev.genserver.process.ServerRef} and its mailbox (see
 * {@link dev.genserver.process.MailboxOnCrash}). Whether a child that exited is restarted is its
 * {@link dev.genserver.supervisor.RestartType restart type}'s decision:
 *
 * <ul>
 *   <li>{@code PERMANENT} (the default): always;</li>
 *   <li>{@code TRANSIENT}: only after an abnormal exit (anything but {@code normal},
 *       {@code shutdown} and {@code shutdown(detail)});</li>
 *   <li>{@code TEMPORARY}: never, and the child is forgotten.</li>
 * </ul>
 *
 * <p>Which other children go with it is the {@link dev.genserver.supervisor.Strategy strategy}'s:
 * {@code ONE_FOR_ONE} restarts only that child; {@code ONE_FOR_ALL} stops the others in reverse
 * start order, then restarts all in start order; {@code REST_FOR_ONE} does the same for the child
 * and those started after it. A multi-child restart counts as one restart.
 *
 * <h2 id="intensity">Intensity and escalation</h2>
 *
 * <p>More than {@code maxRestarts} restarts (3 by default) within {@code period} (5 s) make the
 * supervisor give up: it stops its children in reverse start order, every caller still waiting on
 * them fails at once, and it exits with {@code shutdown}, which its own supervisor handles like any
 * child exit, restarting it if it is permanent. A restart whose init fails counts too. Beyond OTP,
 * a {@link dev.genserver.supervisor.Backoff backoff} spaces out the restarts of a crash loop.
 *
 * <h2 id="shutdown">Start and shutdown</h2>
 *
 * <p>Children start in order; if one fails, those already started are stopped in reverse order and
 * the supervisor's start fails with {@link dev.genserver.supervisor.ChildStartFailedException}.
 * Children stop in reverse start order, each within its {@link dev.genserver.supervisor.Shutdown
 * shutdown}: a brutal kill (no {@code terminate}), a timeout after which it is killed (5 s for
 * workers by default), or infinity (the default for supervisors). A child marked
 * {@link dev.genserver.supervisor.ChildSpec#asSignificant() significant} can end its supervisor
 * when it exits, as its {@link dev.genserver.supervisor.AutoShutdown auto shutdown} says.
 *
 * <h2 id="contract">The contract</h2>
 *
 * <p>These rules are sections 9 ({@link dev.genserver.supervisor.Supervisor}) and 10
 * ({@link dev.genserver.supervisor.DynamicSupervisor}) of the project's {@code docs/contract.md},
 * which the supervisor tests cite. Every type here is null-marked: a value may be {@code null}
 * only where it is annotated {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.genserver.supervisor;

import org.jspecify.annotations.NullMarked;
