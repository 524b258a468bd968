package dev.genserver.process;

/**
 * Info message delivered when a server that set an inactivity timeout (see
 * {@link Result#withTimeout}) received no message for that long.
 */
public enum InactivityTimeout {
    /** The single instance. */
    INSTANCE
}
