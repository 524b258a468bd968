package dev.genserver.spring.actuator.app;

/** A session's client interface. */
public interface SessionApi {

    /** Counts a visit (call). */
    int touch();
}
