package dev.genserver.spring.annotation;

import dev.genserver.supervisor.Strategy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a supervisor of the application's supervision tree. Put it on any configuration
 * class (or on the application class); servers join it with {@code @GenServer(supervisor = "...")}.
 * Properties under {@code genserver.supervisors.<name>} override what is declared here.
 *
 * <pre>{@code
 * @SpringBootApplication
 * @Supervisor(name = "payments", strategy = Strategy.REST_FOR_ONE, maxRestarts = 5, maxSeconds = 10)
 * class ShopApplication { ... }
 *
 * @GenServer(supervisor = "payments")
 * class Ledger implements LedgerApi { ... }
 * }</pre>
 *
 * <p>The tree always has a root supervisor named {@code root} ({@code one_for_one}); a supervisor
 * without a {@link #parent()} is a child of the root, started after the servers declared before
 * it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Supervisors.class)
public @interface Supervisor {

    /**
     * The supervisor's name, unique in the application.
     *
     * @return the name
     */
    String name();

    /**
     * The restart strategy.
     *
     * @return the strategy
     */
    Strategy strategy() default Strategy.ONE_FOR_ONE;

    /**
     * Restart intensity: more than this many restarts within {@link #maxSeconds()} make the
     * supervisor give up (stop its children and exit, escalating to its parent).
     *
     * @return the most restarts, or -1 for {@code genserver.supervisors.root.max-restarts} (3)
     */
    int maxRestarts() default -1;

    /**
     * The period of the restart intensity.
     *
     * @return seconds, or -1 for the root's value (5)
     */
    int maxSeconds() default -1;

    /**
     * The parent supervisor.
     *
     * @return its name, or empty for the root
     */
    String parent() default "";
}
