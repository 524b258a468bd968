package dev.genserver.dashboard.app;

/** The fragile server's client interface. */
public interface FragileApi {

    /** Crashes with this message (call: the caller sees the crash). */
    int crash(String message);
}
