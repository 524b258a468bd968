package dev.genserver.spring.actuate.app;

/** A session's client interface. */
public interface SessionApi {

    /** Counts a visit (call). */
    int touch();
}
