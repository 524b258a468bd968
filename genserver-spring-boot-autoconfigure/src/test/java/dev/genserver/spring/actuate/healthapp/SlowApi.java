package dev.genserver.spring.actuate.healthapp;

/** The slow server's client interface. */
public interface SlowApi {

    /** Counts a nudge (cast). */
    void nudge();

    /** Returns the nudges (call). */
    int nudges();
}
