package dev.genserver.spring.test.app;

/** The client interface of {@link Counter}. */
public interface CounterApi {

    /**
     * Adds to the count (a cast).
     *
     * @param by the amount
     */
    void increment(int by);

    /**
     * Reads the count (a call).
     *
     * @return the count
     */
    int value();
}
