package dev.genserver.dashboard.app;

/** A visitor's client interface. */
public interface VisitorApi {

    /** Counts a visit (call). */
    int visit();
}
