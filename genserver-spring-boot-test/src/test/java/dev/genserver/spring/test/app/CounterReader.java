package dev.genserver.spring.test.app;

import org.springframework.stereotype.Component;

/** A caller of the counter: what it gets injected is what {@code @MockitoBean CounterApi} replaces. */
@Component
public class CounterReader {

    private final CounterApi counter;

    /**
     * Creates the reader.
     *
     * @param counter the counter's client
     */
    public CounterReader(CounterApi counter) {
        this.counter = counter;
    }

    /**
     * Reads the counter.
     *
     * @return its value
     */
    public int read() {
        return counter.value();
    }
}
