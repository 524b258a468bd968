package dev.genserver.spring;

import dev.genserver.process.GenServerException;

/**
 * A server answered a call with an exception that its handler declares in its {@code throws}
 * clause: a business outcome, not a crash. The server keeps running. The handler's exception is
 * the cause; typed client proxies rethrow the cause itself, so
 * {@code cart.add(item)} throws {@code OutOfStockException} just as a local call would.
 */
public class ReplyException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType what the caller asked
     * @param cause the handler's exception
     */
    public ReplyException(String server, String messageType, Throwable cause) {
        super("server " + server + " answered " + messageType + " with " + cause, server, messageType, cause);
    }
}
