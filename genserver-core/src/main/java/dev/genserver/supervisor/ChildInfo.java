package dev.genserver.supervisor;

import dev.genserver.process.ServerRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One child of a supervisor, as listed by {@link Supervisor#whichChildren()} (OTP's
 * {@code which_children}).
 *
 * @param id the child's id; for a {@link DynamicSupervisor} child, the id of the spec it was
 *     started from, which need not be unique
 * @param ref the child's server while it has one ({@link ChildStatus#RUNNING}, or
 *     {@link ChildStatus#RESTARTING} with its mailbox kept); none when undefined
 * @param status running, restarting or undefined
 * @param type worker or supervisor
 * @param restart the child's restart type
 */
public record ChildInfo(String id, @Nullable ServerRef ref, ChildStatus status, ChildType type, RestartType restart) {

    /**
     * Returns the child's server when it is running.
     *
     * @return the reference, or empty when the child is restarting or has no server
     */
    public Optional<ServerRef> runningRef() {
        return status == ChildStatus.RUNNING ? Optional.ofNullable(ref) : Optional.empty();
    }
}
