package dev.genserver.spring.actuate;

import dev.genserver.process.DescribedMessage;
import dev.genserver.spring.InternalApi;

/** Names the type of a message for logs and traces. */
@InternalApi
public final class MessageTypes {

    private MessageTypes() {
    }

    /**
     * Returns a short name for a message's type: what a {@link DescribedMessage} says (for a call
     * or cast through a typed client proxy, {@code CartApi.add(Item)}), else the simple class name.
     *
     * @param message the message
     * @return the name
     */
    public static String of(Object message) {
        if (message == null) {
            return "null";
        }
        if (message instanceof DescribedMessage described) {
            return described.messageType();
        }
        String simple = message.getClass().getSimpleName();
        return simple.isEmpty() ? message.getClass().getName() : simple;
    }
}
