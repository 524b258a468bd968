package dev.genserver.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field read and written only by a server's runner thread (the one thread holding its run
 * token; see the implementation notes of {@link ProcessCell}): plain accesses, no synchronisation.
 * Documentation only, like errorprone's {@code @GuardedBy}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
@interface RunnerOnly {
}
