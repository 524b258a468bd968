package dev.genserver.spring.actuator.healthapp;

/** The brittle server's client interface. */
public interface BrittleApi {

    /** Answers (call). */
    String ping();

    /** Crashes the server (call). */
    String crash();
}
