/**
 * Processes: OTP's {@code gen_server} on Java 21 virtual threads.
 *
 * <p>A <em>server</em> is a process with one mailbox and one state. Clients talk to it through a
 * {@link dev.genserver.process.ServerRef}: {@code call} (request and wait for the reply),
 * {@code cast} (fire and forget) and {@code send} (a plain "info" message). The server's
 * callbacks, defined by {@link dev.genserver.process.GenServer}, run one at a time, in mailbox
 * order, on the server's own virtual thread, so the state needs no lock.
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
 * <p>The behavioural contract (start outcomes, call outcomes, stop and terminate, crashes,
 * bounded mailboxes, inspection, links, monitors and timers) is documented on each type and in
 * the project's README.
 */
package dev.genserver.process;
