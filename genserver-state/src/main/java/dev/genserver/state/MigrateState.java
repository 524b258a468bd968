package dev.genserver.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Migrates a stored state from version {@link #from()} to {@code from + 1} (the JVM's
 * {@code code_change}). A method of the {@link Durable} server's class, static or not (an
 * instance method runs on the fresh, injected instance before its state is restored), taking and
 * returning a Jackson {@code tools.jackson.databind.node.ObjectNode}: the stored JSON object,
 * field name to value.
 *
 * <pre>{@code
 * @MigrateState(from = 2)
 * static ObjectNode quantitiesByProduct(ObjectNode v2) {
 *     ObjectNode items = v2.putObject("items");            // v2 had a list of product ids
 *     v2.remove("productIds").forEach(id -> items.put(id.asText(), 1));
 *     return v2;
 * }
 * }</pre>
 *
 * A state of version 1 is loaded into a class of version 3 through {@code from = 1}, then
 * {@code from = 2}. A missing step, or a migration that throws, is a
 * {@link StateMigrationException}: the server does not start and the stored state stays as it was
 * (it is overwritten only by a state the server wrote after a successful load).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MigrateState {

    /**
     * The version this method migrates from.
     *
     * @return 1 or more, below the class's {@link StateVersion}
     */
    int from();
}
