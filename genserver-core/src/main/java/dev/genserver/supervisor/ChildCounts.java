package dev.genserver.supervisor;

/**
 * A supervisor's children, counted (OTP's {@code count_children}).
 *
 * @param specs every child the supervisor knows, running or not
 * @param active the children whose server is running
 * @param supervisors the children of type {@link ChildType#SUPERVISOR}, running or not
 * @param workers the children of type {@link ChildType#WORKER}, running or not
 */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
