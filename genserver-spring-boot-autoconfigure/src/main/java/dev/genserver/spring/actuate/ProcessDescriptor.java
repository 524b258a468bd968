package dev.genserver.spring.actuate;

/**
 * A process of the supervision tree as {@link SupervisionTreeReader} reads it: a supervisor with
 * its children, a server, or a keyed server's summary. The Actuator endpoint writes these as
 * they are (null components are left out), and the health indicator reads them.
 */
public sealed interface ProcessDescriptor permits SupervisorDescriptor, WorkerDescriptor, KeyedServerDescriptor {

    /**
     * Returns the process's name.
     *
     * @return a server name, a supervisor name, a keyed server's name or a keyed instance's name ({@code cart[ann]})
     */
    String name();

    /**
     * Returns what kind of process this is.
     *
     * @return {@code supervisor}, {@code worker} or {@code keyed}
     */
    String type();

    /**
     * Returns the process's status.
     *
     * @return {@code starting}, {@code running}, {@code suspended}, {@code restarting}, {@code stopped} or {@code failed}
     */
    String status();

    /**
     * Tells whether the process runs now (running or suspended).
     *
     * @return true while it has a live instance that is not waiting to be restarted
     */
    default boolean isRunning() {
        return "running".equals(status()) || "suspended".equals(status());
    }
}
