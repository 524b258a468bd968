package dev.genserver.supervisor;

import dev.genserver.process.ServerRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One child as both supervisor servers keep it: its spec, its server, and the state of its
 * restarts. Read and written on the supervisor's own thread, except {@link #generation}, which the
 * exit watch reads on the thread that ended the child's incarnation.
 */
class ChildRecord {

    final ChildSpec spec;
    /** The child's server while it has one (running, or waiting to be restarted). */
    @Nullable ServerRef ref;
    ChildStatus status = ChildStatus.UNDEFINED;
    /** Bumped whenever a new incarnation is watched or the supervisor ends one itself. */
    volatile int generation;
    /** The token of the pending try-again, delayed restart or restart thread, or 0. */
    long pending;
    /** Consecutive restarts, for the backoff. */
    int attempts;
    /** When the current server started running (the runtime's ticker), for the backoff reset. */
    long runningSince;
    /** Whether the child ran since its last restart was decided: a failed restart attempt did not. */
    boolean ran;

    ChildRecord(ChildSpec spec) {
        this.spec = spec;
    }

    final String id() {
        return spec.id();
    }

    /** The child's server, which the caller knows it has (running or restarting). */
    final ServerRef server() {
        ServerRef r = ref;
        if (r == null) {
            throw new IllegalStateException("child " + spec.id() + " has no server (" + status + ")");
        }
        return r;
    }

    final ChildInfo info() {
        return new ChildInfo(spec.id(), ref, status, spec.type(), spec.restart());
    }

    /** OTP's {@code which_children}: the children's infos, in the order given. */
    static List<ChildInfo> infos(Collection<? extends ChildRecord> children) {
        List<ChildInfo> infos = new ArrayList<>(children.size());
        for (ChildRecord child : children) {
            infos.add(child.info());
        }
        return List.copyOf(infos);
    }

    /** OTP's {@code count_children}. */
    static ChildCounts counts(Collection<? extends ChildRecord> children) {
        int active = 0;
        int supervisors = 0;
        for (ChildRecord child : children) {
            ServerRef r = child.ref;
            if (child.status == ChildStatus.RUNNING && r != null && r.isAlive()) {
                active++;
            }
            if (child.spec.type() == ChildType.SUPERVISOR) {
                supervisors++;
            }
        }
        return new ChildCounts(children.size(), active, supervisors, children.size() - supervisors);
    }

    @Override
    public String toString() {
        ServerRef r = ref;
        return spec.id() + "=" + status + (r == null ? "" : "(" + r.displayName() + ")");
    }
}
