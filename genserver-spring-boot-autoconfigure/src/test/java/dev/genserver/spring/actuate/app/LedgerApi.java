package dev.genserver.spring.actuate.app;

/** The ledger's client interface. */
public interface LedgerApi {

    /** Posts an amount (cast). */
    void post(int amount);

    /** Returns the balance (call). */
    int balance();

    /** Crashes the ledger (call). */
    int crash();

    /** Returns the trace id the handler sees (call). */
    String traceId();

    /** Records the trace id the handler sees in the {@link TraceProbe} (cast). */
    void recordTraceId();

    /** Logs a line from the handler (cast). */
    void log(String line);

    /** Returns which instance answers (call). */
    int instance();
}
