package dev.genserver.supervisor;

import dev.genserver.process.GenServer;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import java.util.function.Supplier;

/**
 * How a supervisor starts a child for the first time (and again after it was terminated): by
 * default {@link ProcessRuntime#start(Supplier, StartOptions)}; a
 * {@link dev.genserver.registry.Registry#via(Object) registry} uses it to register the child
 * under a key. Restarts after a crash do not come here: the supervisor restarts the same server
 * so that its mailbox survives.
 *
 * <p>A starter must start exactly one server with exactly the options it is given (they make the
 * server restartable by its supervisor), and report the outcome as
 * {@link ProcessRuntime#start(Supplier, StartOptions)} does: a {@link StartResult}, or an
 * exception when the server could not start.
 */
@FunctionalInterface
public interface ChildStarter {

    /** Starts the server with {@link ProcessRuntime#start(Supplier, StartOptions)}. */
    ChildStarter DEFAULT = ProcessRuntime::start;

    /**
     * Starts the child's server.
     *
     * @param runtime the supervisor's runtime
     * @param factory builds the server instance
     * @param options the child's options, made restartable by the supervisor
     * @return started, or ignored
     * @throws dev.genserver.process.StartFailedException when init failed
     * @throws dev.genserver.process.AlreadyStartedException when the name is taken
     */
    StartResult start(ProcessRuntime runtime, Supplier<? extends GenServer<?>> factory, StartOptions options);
}
