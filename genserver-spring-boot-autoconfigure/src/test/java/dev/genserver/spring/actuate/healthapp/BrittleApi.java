package dev.genserver.spring.actuate.healthapp;

/** The brittle server's client interface. */
public interface BrittleApi {

    /** Answers (call). */
    String ping();

    /** Crashes the server (call). */
    String crash();
}
