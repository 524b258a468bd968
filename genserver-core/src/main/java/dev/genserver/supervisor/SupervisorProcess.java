package dev.genserver.supervisor;

import dev.genserver.process.CrashReport;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both supervisor servers are made of besides their strategy: who they are, the
 * {@link Reaper} of their children, their {@link RestartBudget}, and the watch on a child's
 * server. {@link SupervisorServer} adds static children, groups and rest-for-one;
 * {@link DynamicSupervisorServer} adds reservations and restarts on threads of their own.
 *
 * @param <S> the server's own type, its state
 */
abstract sealed class SupervisorProcess<S extends SupervisorProcess<S>> implements GenServer<S>
        permits SupervisorServer, DynamicSupervisorServer {

    /** Supervisor reports (OTP's SASL reports): child crashed, restarted, gave up. */
    static final Logger log = LoggerFactory.getLogger("dev.genserver.supervisor");

    private final int maxRestarts;
    private final Duration period;
    private final Backoff backoff;
    final Reaper reaper = new Reaper();
    ServerContext ctx;
    ServerRef self;
    ProcessRuntime runtime;
    /** The supervisor's display name, for log lines and exception messages. */
    String name;
    RestartBudget budget;

    SupervisorProcess(int maxRestarts, Duration period, Backoff backoff) {
        this.maxRestarts = maxRestarts;
        this.period = period;
        this.backoff = backoff;
    }

    /**
     * The first thing of both inits: trap exits, and start the reaper (which waits for the
     * previous instance's children to be gone).
     */
    final void begin(ServerContext context) {
        this.ctx = context;
        this.self = context.self();
        this.runtime = context.runtime();
        this.name = self.displayName();
        this.budget = new RestartBudget(maxRestarts, period, backoff, runtime.ticker());
        context.trapExits(true);
        reaper.start(self, runtime);
    }

    /**
     * The child's server runs: own it and watch its exit, which comes back as a
     * {@link Protocol.ChildExited} tagged with the generation of this incarnation.
     *
     * @param before the server's last crash report before this incarnation; none for a fresh
     *     server (see {@link ChildOps#resolveExit})
     */
    final void watch(ChildRecord child, ServerRef ref, @Nullable CrashReport before) {
        child.ref = ref;
        child.status = ChildStatus.RUNNING;
        child.runningSince = budget.now();
        child.ran = true;
        reaper.own(runtime, ref);
        int generation = ++child.generation; // an int: the watch then takes 32 bytes per child, not 40
        ServerRef supervisor = self;
        RuntimeAccess.SUPERVISION.whenExits(ref, (reason, error) -> {
            if (child.generation == generation) {
                ExitReason why = error != null ? ExitReason.crash(error) : ChildOps.resolveExit(reason, ref, before);
                supervisor.send(new Protocol.ChildExited(child, generation, why));
            }
        });
    }

    @Override
    public final Object formatStatus(S state) {
        return toString();
    }
}
