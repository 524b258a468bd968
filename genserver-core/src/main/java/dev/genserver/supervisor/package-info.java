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
 * <p>Restarting a child builds a fresh instance and runs its init again, but keeps the child's
 * server: its name, its {@link dev.genserver.process.ServerRef} and its mailbox (see
 * {@link dev.genserver.process.MailboxOnCrash}). When a supervisor gives up (its restart intensity
 * is exceeded), it stops its children in reverse start order, every caller still waiting on them
 * fails at once, and it exits with {@code shutdown}, which its own supervisor handles like any
 * child exit.
 */
package dev.genserver.supervisor;
