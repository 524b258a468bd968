/**
 * Processes: OTP's {@code gen_server} on Java 21 virtual threads.
 *
 * <h2 id="model">The model</h2>
 *
 * <p>A <em>server</em> is a process with one mailbox and one state. Clients talk to it through a
 * {@link dev.genserver.process.ServerRef}: {@code call} (request and wait for the reply),
 * {@code cast} (fire and forget) and {@code send} (a plain "info" message). The server's
 * callbacks, defined by {@link dev.genserver.process.GenServer}, run one at a time, in mailbox
 * order, on the server's own virtual thread, so the state needs no lock. A callback that throws
 * crashes the server; a supervisor ({@code dev.genserver.supervisor}) restarts it with a fresh
 * instance, and, beyond OTP, the messages queued behind the one that crashed it are kept.
 *
 * <pre>{@code
 * record Increment(int by) {}
 * record Get() {}
 *
 * final class Counter implements GenServer<Integer> {
 *     public Init<Integer> init(ServerContext ctx) { return Init.ok(0); }
 *
 *     public Result<Integer> handleCall(Object request, ReplyTo from, Integer count) {
 *         return switch (request) {
 *             case Get g -> Result.reply(count, count);
 *             default -> Result.unhandled(count);
 *         };
 *     }
 *
 *     public Result<Integer> handleCast(Object message, Integer count) {
 *         return message instanceof Increment(int by) ? Result.noReply(count + by) : Result.unhandled(count);
 *     }
 * }
 *
 * try (ProcessRuntime runtime = ProcessRuntime.create()) {
 *     ServerRef counter = runtime.start(Counter::new, StartOptions.named("counter")).ref();
 *     counter.cast(new Increment(2));
 *     int value = counter.call(new Get());   // 2
 * }
 * }</pre>
 *
 * <h2 id="types">The types, by role</h2>
 *
 * <ul>
 *   <li>Writing a server: {@link dev.genserver.process.GenServer} (the callbacks, the model and
 *       every return shape), {@link dev.genserver.process.Init}, {@link dev.genserver.process.Result},
 *       {@link dev.genserver.process.ServerContext}, {@link dev.genserver.process.ReplyTo}.</li>
 *   <li>Running servers: {@link dev.genserver.process.ProcessRuntime},
 *       {@link dev.genserver.process.StartOptions}, {@link dev.genserver.process.MailboxOptions}.</li>
 *   <li>Talking to a server: {@link dev.genserver.process.ServerRef}; what a caller can get back is
 *       a subclass of {@link dev.genserver.process.GenServerException}.</li>
 *   <li>Info messages the runtime delivers: {@link dev.genserver.process.Down},
 *       {@link dev.genserver.process.ExitSignal}, {@link dev.genserver.process.InactivityTimeout}.</li>
 *   <li>Exits and inspection: {@link dev.genserver.process.ExitReason},
 *       {@link dev.genserver.process.ServerInfo}, {@link dev.genserver.process.ServerStatus},
 *       {@link dev.genserver.process.CrashReport}, {@link dev.genserver.process.DeadLetter}.</li>
 * </ul>
 *
 * <h2 id="contract">The contract</h2>
 *
 * <p>What the runtime promises (start outcomes, call outcomes, cast and info, handler results,
 * stop and terminate, crashes and the mailbox, bounded mailboxes, inspection, links, monitors and
 * timers) is written down in the project's {@code docs/contract.md}, in numbered sections that the
 * conformance tests cite ({@code contract §2.2}); {@link dev.genserver.process.GenServer} gives the
 * same model from a server author's side.
 *
 * <p>Every type here is null-marked: a value may be {@code null} only where it is annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.genserver.process;

import org.jspecify.annotations.NullMarked;
