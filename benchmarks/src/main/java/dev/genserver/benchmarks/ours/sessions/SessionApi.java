package dev.genserver.benchmarks.ours.sessions;

/** The client interface of the keyed {@link Session} server. */
public interface SessionApi {

    /**
     * Counts a request of the session (a call).
     *
     * @return the requests counted so far, this one included
     */
    long touch();
}
