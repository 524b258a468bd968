package dev.genserver.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A supervisor and its children.
 *
 * @param name the supervisor's name ({@code root}, or the name of an {@code @Supervisor})
 * @param type {@code supervisor}
 * @param strategy {@code one_for_one}, {@code one_for_all} or {@code rest_for_one}
 * @param supervisor its parent supervisor, or null for the root
 * @param restart its restart type under its parent, or null for the root
 * @param status its status; a root that is not running has given up
 * @param restarts how many times it was restarted since the application started (by its parent,
 *                 or through the Actuator)
 * @param children its children in start order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SupervisorDescriptor(String name, String type, String strategy, String supervisor, String restart,
                                   String status, long restarts, List<ProcessDescriptor> children)
        implements ProcessDescriptor {

    /** The value of {@link #type()}. */
    public static final String TYPE = "supervisor";

    /**
     * Copies the children.
     *
     * @param name the name
     * @param type {@code supervisor}
     * @param strategy the strategy
     * @param supervisor the parent, or null
     * @param restart the restart type, or null
     * @param status the status
     * @param restarts the restarts
     * @param children the children
     */
    public SupervisorDescriptor {
        children = List.copyOf(children);
    }

    /**
     * Describes the root supervisor.
     *
     * @param name its name
     * @param strategy its strategy
     * @param status its status
     * @param restarts its restarts
     * @param children its children
     * @return the descriptor
     */
    public static SupervisorDescriptor root(String name, String strategy, String status, long restarts,
                                            List<ProcessDescriptor> children) {
        return new SupervisorDescriptor(name, TYPE, strategy, null, null, status, restarts, children);
    }

    /**
     * Describes a supervisor under another.
     *
     * @param name its name
     * @param strategy its strategy
     * @param parent its parent's name
     * @param restart its restart type under its parent
     * @param status its status
     * @param restarts its restarts
     * @param children its children
     * @return the descriptor
     */
    public static SupervisorDescriptor child(String name, String strategy, String parent, String restart,
                                             String status, long restarts, List<ProcessDescriptor> children) {
        return new SupervisorDescriptor(name, TYPE, strategy, parent, restart, status, restarts, children);
    }

    /**
     * Tells whether this is the root supervisor.
     *
     * @return true when it has no parent
     */
    public boolean isRoot() {
        return supervisor == null;
    }
}
