package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure a supervisor's children do not outlive it when it is killed. A killed server runs no
 * terminate, and supervised children are restartable: without this they would wait in RESTARTING
 * for ever, holding their names. The supervisor records every child server it owns; when its own
 * incarnation exits, whatever is still owned is killed and discarded, newest first, on the thread
 * that ended the supervisor. After an orderly exit nothing is left to reap.
 */
final class Reaper {

    /** The reaper of the latest instance of each supervisor server. */
    private static final Map<ServerRef, Reaper> LATEST = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Owned servers; reaped newest first (by id). A set rather than a sorted map by id: every child
     * stays in it for as long as it runs, and the map's node, index and boxed id cost about twice
     * as much; reaping, which sorts, happens once per supervisor incarnation.
     */
    private final Set<ServerRef> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean reaping;
    /** Completed once this instance's exit has been dealt with: nothing it owned is left. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /**
     * Called first thing in a supervisor's init: watches this instance's exit, and waits until the
     * previous instance of the same supervisor server (if it was restarted) has reaped its
     * children. Its exit may be reported to the parent, which restarts it, before the thread that
     * killed it got round to reaping; the fresh instance must not find the old children's names
     * still taken.
     */
    void start(ServerRef self, ProcessRuntime runtime) {
        Reaper previous = LATEST.put(self, this);
        self.onExit().whenComplete((reason, error) -> reap(runtime));
        if (previous != null) {
            previous.done.join(); // the previous instance is dead: its reaping runs now or has run
        }
    }

    /** Records a child server; kills it at once if the supervisor is already gone. */
    void own(ProcessRuntime runtime, ServerRef ref) {
        owned.add(ref);
        if (reaping) {
            reapOne(runtime, ref);
        }
    }

    void disown(ServerRef ref) {
        owned.remove(ref);
    }

    /** Tells whether the supervisor is gone: anything started from now on must be killed. */
    boolean reaping() {
        return reaping;
    }

    /** The supervisor's incarnation exited: kill and discard everything still owned. */
    void reap(ProcessRuntime runtime) {
        reaping = true;
        try {
            List<ServerRef> newestFirst = new ArrayList<>(owned);
            newestFirst.sort(Comparator.comparingLong(ServerRef::id).reversed());
            for (ServerRef ref : newestFirst) {
                reapOne(runtime, ref);
            }
        } finally {
            done.complete(null);
        }
    }

    private void reapOne(ProcessRuntime runtime, ServerRef ref) {
        try {
            runtime.exit(ref, ExitReason.KILL);
            RuntimeAccess.SUPERVISION.discard(runtime, ref, ExitReason.KILLED);
            owned.remove(ref);
        } catch (RuntimeException restartingConcurrently) {
            // Someone is starting it right now; whoever does checks reaping() afterwards.
        }
    }
}
