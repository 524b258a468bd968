package dev.genserver.spring.annotation;

import dev.genserver.process.OverflowPolicy;
import dev.genserver.supervisor.RestartType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Makes a Spring bean a server: a supervised process with one mailbox, whose state is the
 * instance's fields and whose handlers run one at a time, in mailbox order, on the server's own
 * virtual thread.
 *
 * <pre>{@code
 * public interface CounterApi {
 *     void increment(int by);        // void: a cast
 *     int value();                   // returns a value: a call
 * }
 *
 * @GenServer
 * class Counter implements CounterApi {
 *     private int count;             // state: no lock needed
 *
 *     public void increment(int by) { count += by; }
 *     public int value() { return count; }
 * }
 *
 * @RestController
 * class CounterController {
 *     CounterController(CounterApi counter) { ... }   // a typed proxy, never the instance
 * }
 * }</pre>
 *
 * <p>The class is a component (found by component scanning) but never an injection candidate
 * itself: every interface it implements (or names in {@link #clients()}) is injectable as a
 * typed client proxy that turns each method invocation into a message. Message-style handlers
 * ({@link HandleCall}, {@link HandleCast}, {@link HandleInfo}) can be used beside, or instead of,
 * an interface. Every start and every restart builds a <b>fresh instance</b> through the bean
 * factory, with its dependencies injected; a crashed instance is discarded.
 *
 * <p>Every attribute that is left at its default takes its value from the {@code genserver.*}
 * properties. Duration attributes accept Spring Boot's duration formats ({@code 500ms},
 * {@code 5s}, {@code PT1M}), {@code infinity}, and {@code ${...}} placeholders.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface GenServer {

    /**
     * The bean name; the server's registered name too unless {@link #name()} is set.
     *
     * @return the bean name, or empty for the default bean name
     */
    @AliasFor(annotation = Component.class)
    String value() default "";

    /**
     * The name the server is registered under in the runtime (OTP's registered name), used by
     * {@code GenServers.whereis}, {@code @Qualifier} on proxies, logs and Actuator.
     *
     * @return the name, or empty for the bean name
     */
    String name() default "";

    /**
     * When the supervisor restarts the server.
     *
     * @return the restart type; {@link RestartType#PERMANENT} by default
     */
    RestartType restart() default RestartType.PERMANENT;

    /**
     * How long an orderly stop waits for terminate (and the drain, if enabled) before the server
     * is killed: a duration, {@code brutal_kill} (kill at once, no terminate) or {@code infinity}.
     *
     * @return the shutdown, or empty for 5 seconds
     */
    String shutdown() default "";

    /**
     * The supervisor the server belongs to, declared with {@link Supervisor} or under
     * {@code genserver.supervisors.<name>}; an undeclared name gets a {@code one_for_one}
     * supervisor under the root.
     *
     * @return the supervisor's name, or empty for the root supervisor (or the one whose
     *         {@code genserver.supervisors.<name>.servers} lists this server)
     */
    String supervisor() default "";

    /**
     * Bounds the mailbox.
     *
     * @return the capacity, or 0 for {@code genserver.mailbox.capacity} (unbounded by default)
     */
    int mailboxCapacity() default 0;

    /**
     * What a full bounded mailbox does with a new message; only read when
     * {@link #mailboxCapacity()} is set. {@link OverflowPolicy#BLOCK} waits up to the call
     * timeout.
     *
     * @return the policy
     */
    OverflowPolicy overflow() default OverflowPolicy.REJECT;

    /**
     * The default timeout of calls to this server (per method: {@link CallTimeout}).
     *
     * @return the timeout, or empty for {@code genserver.call-timeout} (5 s)
     */
    String callTimeout() default "";

    /**
     * How long start waits for init before it fails.
     *
     * @return the timeout, or empty for {@code genserver.start-timeout}
     */
    String startTimeout() default "";

    /**
     * Client interfaces the server does not implement but answers: each method of such an
     * interface must have a public method with the same name and parameter types on the class.
     * Interfaces the class implements are client interfaces already (except JDK and Spring
     * infrastructure interfaces).
     *
     * @return more client interfaces
     */
    Class<?>[] clients() default {};
}
