package dev.genserver.spring.annotation;

/** When a supervisor restarts a server that exited (OTP's restart types). */
public enum Restart {
    /** Always restarted (the default). */
    PERMANENT,
    /** Restarted only after an abnormal exit; {@code normal} and {@code shutdown} end it for good. */
    TRANSIENT,
    /** Never restarted, and forgotten once it exits. */
    TEMPORARY
}
