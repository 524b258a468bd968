package dev.genserver.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the state of a {@code @GenServer} bean durable: it is read back from the
 * {@link StateStore} when the server starts, restarts after a crash, or (keyed) is activated again
 * after a passivation, and written when a handled message changed it.
 *
 * <pre>{@code
 * @GenServer("cart") @Keyed(idleTimeout = "15m")
 * @Durable                                   // write-through
 * @StateVersion(2)
 * class Cart implements CartApi {
 *     @ServerKey String user;                // the key: not state
 *     private final Pricing pricing;         // injected: not state
 *     private final Map<Long, Integer> items = new LinkedHashMap<>();   // state
 *     private Instant lastActivity;                                     // state
 *
 *     @MigrateState(from = 1)
 *     static ObjectNode addLastActivity(ObjectNode v1) { return v1.put("lastActivity", "1970-01-01T00:00:00Z"); }
 * }
 * }</pre>
 *
 * <p><b>The state</b> is every instance field of the class and its superclasses except static,
 * {@code transient} and {@code @ServerKey} fields and injected dependencies (a field annotated
 * {@code @Autowired}, {@code @Inject}, {@code @Resource} or {@code @Value}, or a final field whose
 * type a constructor parameter has, unless it is a simple value, a collection, a map or an array):
 * the same fields Actuator shows. Mark a field {@code transient} to keep it out. The fields are
 * written as one JSON object (field name to value) with the application's Jackson mapper, so each
 * value must be serializable by it; a record in one field is the way to declare one state type.
 *
 * <p><b>When it is written</b>: after every handled message (call, cast, info, continue) whose
 * handler returned normally and left the state different from what was last written (compared as
 * JSON), and always when the server stops in an orderly way (terminate, passivation, shutdown,
 * hand-off). A message whose handler crashed the server writes nothing: the restarted server reads
 * the last state written. {@link #mode()} says whether the write happens before the next message
 * (write-through) or within {@link #delay()} (write-behind); contract §16 says exactly what a crash
 * can lose in each mode.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Durable {

    /**
     * When a changed state is written.
     *
     * @return {@link WriteMode#WRITE_THROUGH} by default
     */
    WriteMode mode() default WriteMode.WRITE_THROUGH;

    /**
     * With {@link WriteMode#WRITE_BEHIND}, the longest time a changed state waits before it is
     * written (later changes within that time are written together, as one write of the latest
     * state). A duration in Spring Boot's formats ({@code 500ms}, {@code 2s}) or a
     * {@code ${...}} placeholder.
     *
     * @return the delay, or empty for {@code genserver.state.write-behind-delay} (1 s)
     */
    String delay() default "";

    /**
     * The name under which the state is stored, shared by every instance of a keyed server.
     * Changing a server's name keeps its stored state when this keeps the old one.
     *
     * @return the name, or empty for the server's name
     */
    String name() default "";
}
