package dev.genserver.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The current version of a {@link Durable} server's state (1 when absent). Every stored state
 * carries the version it was written with; an older one is migrated on load through the class's
 * {@link MigrateState} methods, one version at a time. A stored state of a newer version than the
 * class declares (written by a newer release of the application) is refused with a
 * {@link StateMigrationException}: the server does not start and the stored state is left as it is.
 * Raise the version whenever a change of the state fields needs a migration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StateVersion {

    /**
     * The current version.
     *
     * @return 1 or more
     */
    int value();
}
