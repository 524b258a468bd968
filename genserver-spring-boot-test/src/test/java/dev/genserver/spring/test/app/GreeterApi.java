package dev.genserver.spring.test.app;

/** The client interface of {@link Greeter}. */
public interface GreeterApi {

    /**
     * Greets someone.
     *
     * @param name who
     * @return the greeting
     */
    String greet(String name);

    /**
     * Returns the dependency the running instance was given.
     *
     * @return the greeting component
     */
    Greeting greeting();

    /**
     * Returns the identity of the running instance.
     *
     * @return its identity hash code
     */
    int instance();
}
