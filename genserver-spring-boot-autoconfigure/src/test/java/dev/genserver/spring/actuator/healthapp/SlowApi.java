package dev.genserver.spring.actuator.healthapp;

/** The slow server's client interface. */
public interface SlowApi {

    /** Counts a nudge (cast). */
    void nudge();

    /** Returns the nudges (call). */
    int nudges();
}
