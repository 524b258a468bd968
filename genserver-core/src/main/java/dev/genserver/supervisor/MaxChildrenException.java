package dev.genserver.supervisor;

/** {@link DynamicSupervisor#startChild}: the supervisor already has its maximum number of children. */
public final class MaxChildrenException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    /** The limit that was reached. */
    private final int maxChildren;

    MaxChildrenException(String supervisor, int maxChildren) {
        super("dynamic supervisor " + supervisor + " already has its maximum of " + maxChildren
                + " children (starts in progress included); terminate one first, or raise "
                + "DynamicSupervisorSpec.withMaxChildren", supervisor, "startChild", null);
        this.maxChildren = maxChildren;
    }

    /**
     * Returns the limit.
     *
     * @return the most children the supervisor accepts
     */
    public int maxChildren() {
        return maxChildren;
    }
}
