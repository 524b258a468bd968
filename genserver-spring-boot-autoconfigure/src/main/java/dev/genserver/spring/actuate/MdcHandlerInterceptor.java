package dev.genserver.spring.actuate;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ServerRef;
import org.slf4j.MDC;

/**
 * Puts the server's name (and the type of the message it is handling) in the logging MDC while a
 * callback runs, so that every log line a handler writes says which server wrote it. The caller's
 * own MDC never reaches the server: handlers run on the server's thread.
 *
 * <ul>
 *   <li>{@value #SERVER}: the server's registered name ({@code cart[ann]} for a keyed instance);</li>
 *   <li>{@value #MESSAGE}: the type of the message (or continue argument) being handled, absent in
 *       init and terminate.</li>
 * </ul>
 */
public class MdcHandlerInterceptor implements HandlerInterceptor {

    /** The MDC key of the server's name. */
    public static final String SERVER = "genserver.server";

    /** The MDC key of the message's type. */
    public static final String MESSAGE = "genserver.message";

    /** Creates the interceptor. */
    public MdcHandlerInterceptor() {
    }

    @Override
    public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
        String previousServer = MDC.get(SERVER);
        String previousMessage = MDC.get(MESSAGE);
        MDC.put(SERVER, server.displayName());
        if (message != null && (kind.isMessage() || kind == Kind.CONTINUE)) {
            MDC.put(MESSAGE, MessageTypes.of(message));
        } else {
            MDC.remove(MESSAGE);
        }
        return failure -> {
            restore(SERVER, previousServer);
            restore(MESSAGE, previousMessage);
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "MdcHandlerInterceptor";
    }
}
