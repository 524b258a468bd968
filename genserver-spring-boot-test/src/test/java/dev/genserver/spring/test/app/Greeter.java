package dev.genserver.spring.test.app;

import dev.genserver.spring.annotation.GenServer;

/** A server with a dependency injected into every fresh instance. */
@GenServer("greeter")
public class Greeter implements GreeterApi {

    private final Greeting greeting;

    /**
     * Creates an instance.
     *
     * @param greeting the dependency
     */
    public Greeter(Greeting greeting) {
        this.greeting = greeting;
    }

    @Override
    public String greet(String name) {
        return greeting.text() + ", " + name;
    }

    @Override
    public Greeting greeting() {
        return greeting;
    }

    @Override
    public int instance() {
        return System.identityHashCode(this);
    }
}
