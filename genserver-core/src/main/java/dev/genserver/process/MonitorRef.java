package dev.genserver.process;

/**
 * Identifies one monitor, as returned by {@link ServerContext#monitor}; found again in the
 * {@link Down} message it produces.
 *
 * @param id unique within the runtime
 * @param target the monitored server
 */
public record MonitorRef(long id, ServerRef target) {
}
