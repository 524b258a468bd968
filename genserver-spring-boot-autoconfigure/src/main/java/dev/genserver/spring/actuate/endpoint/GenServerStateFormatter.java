package dev.genserver.spring.actuate.endpoint;

/**
 * Turns the state a server's redaction hook returned into a value the endpoint can write as
 * JSON. The default converts it with the Actuator's JSON mapper into plain maps, lists and
 * scalars, and falls back to {@code toString()} for a state the mapper cannot write, so that one
 * odd state never breaks the endpoint. Define a bean of this type to replace it.
 */
@FunctionalInterface
public interface GenServerStateFormatter {

    /** Shows the state as it is. */
    GenServerStateFormatter AS_IS = state -> state;

    /**
     * Formats a state.
     *
     * @param state the redacted state, not null
     * @return what the endpoint shows
     */
    Object format(Object state);
}
