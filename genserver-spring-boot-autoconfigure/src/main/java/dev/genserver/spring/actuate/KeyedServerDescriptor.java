package dev.genserver.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * A keyed server: its instances summarised, never listed one by one.
 *
 * @param name the keyed server's name
 * @param type {@code keyed}
 * @param className the server's class
 * @param supervisor the dynamic supervisor of its instances
 * @param status the status of that supervisor
 * @param alive instances alive now
 * @param mailbox messages waiting, summed over its instances
 * @param passivated instances stopped after their idle timeout, since the application started
 * @param restarts restarts of instances since the application started
 * @param crashes crashes of instances since the application started
 * @param deadLetters messages to instances that were never handled
 * @param lastCrash the latest crash of an instance, or null
 * @param idleTimeout the idle timeout (ISO-8601), or null for never
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyedServerDescriptor(String name, String type, String className, String supervisor, String status,
                                    long alive, long mailbox, long passivated, long restarts, long crashes,
                                    long deadLetters, CrashDescriptor lastCrash, String idleTimeout)
        implements ProcessDescriptor {

    /** The value of {@link #type()}. */
    public static final String TYPE = "keyed";

    /**
     * Describes a keyed server.
     *
     * @param name its name
     * @param serverClass its class
     * @param supervisor the name of its dynamic supervisor
     * @param status that supervisor's status
     * @param alive instances alive now
     * @param mailbox messages waiting in its instances' mailboxes
     * @param activity what happened to its instances since the application started
     * @param idleTimeout its idle timeout, null or {@code ServerRef.INFINITY} for never
     * @return the descriptor
     */
    public static KeyedServerDescriptor of(String name, Class<?> serverClass, String supervisor, String status,
                                           long alive, long mailbox, GenServerActivity.Snapshot activity,
                                           Duration idleTimeout) {
        return new KeyedServerDescriptor(name, TYPE, serverClass.getName(), supervisor, status, alive, mailbox,
                activity.passivations(), activity.restarts(), activity.crashes(), activity.deadLetters(),
                CrashDescriptor.of(activity.lastCrash()),
                idleTimeout == null || idleTimeout.compareTo(dev.genserver.process.ServerRef.INFINITY) >= 0 ? null
                        : idleTimeout.toString());
    }
}
