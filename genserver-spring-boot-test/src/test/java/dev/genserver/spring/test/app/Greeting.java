package dev.genserver.spring.test.app;

import org.springframework.stereotype.Component;

/** A plain component a server takes in its constructor. */
@Component
public class Greeting {

    /**
     * Returns the greeting.
     *
     * @return the text
     */
    public String text() {
        return "hello";
    }
}
