package dev.genserver.spring.app;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Records what happened, in order, for the tests to check. */
@Component
public class Events {

    private final List<String> events = new ArrayList<>();

    /** Records an event. */
    public synchronized void add(String event) {
        events.add(event);
    }

    /** Returns a copy of the events so far. */
    public synchronized List<String> all() {
        return new ArrayList<>(events);
    }

    /** Forgets every event. */
    public synchronized void clear() {
        events.clear();
    }
}
