package dev.genserver.spring.actuate.endpoint;

import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Formats a state with a Jackson {@link JsonMapper} (the Actuator's own, by default) into plain
 * maps, lists and scalars, which any JSON writer can write; a state the mapper cannot write is
 * shown as its {@code toString()}.
 */
public class JacksonGenServerStateFormatter implements GenServerStateFormatter {

    private final Supplier<JsonMapper> mapper;

    /**
     * Creates the formatter.
     *
     * @param mapper the mapper, resolved on first use
     */
    public JacksonGenServerStateFormatter(Supplier<JsonMapper> mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object format(Object state) {
        JsonMapper m = mapper.get();
        if (m == null) {
            return state;
        }
        try {
            return m.treeToValue(m.valueToTree(state), Object.class);
        } catch (RuntimeException unwritable) {
            return String.valueOf(state);
        }
    }
}
