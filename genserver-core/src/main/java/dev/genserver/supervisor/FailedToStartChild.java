package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;
import java.util.Objects;

/**
 * The detail of the {@code shutdown} reason with which a supervisor's start fails when one of its
 * children cannot start (OTP's {@code {shutdown, {failed_to_start_child, Id, Reason}}}). Found in
 * {@link ChildStartFailedException#reason()}; when supervisors are nested, {@link #reason()} may
 * itself be a {@code shutdown(FailedToStartChild)} of the level below.
 *
 * @param id the child that did not start
 * @param reason why it did not start
 */
public record FailedToStartChild(String id, ExitReason reason) {

    /**
     * Validates the detail.
     *
     * @param id the child that did not start
     * @param reason why it did not start
     */
    public FailedToStartChild {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "failed to start child (" + id + ", " + reason + ")";
    }
}
