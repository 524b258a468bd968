package dev.genserver.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Imports the auto-configurations a {@link GenServerTest} uses: the runtime, the servers and
 * their proxies, keyed servers, and a {@link GenServerTester} bean. The list is in
 * {@code META-INF/spring/dev.genserver.spring.test.AutoConfigureGenServer.imports}. Put it on a
 * test with another slice (or a {@code @SpringBootTest} without auto-configuration) to add the
 * servers to it.
 *
 * <p>A test's application keeps running when its root supervisor gives up
 * ({@code genserver.on-give-up=keep-running}): the default of an application, {@code shutdown},
 * would exit the JVM that runs the tests. Set {@link #onGiveUp()} to test the other policy's
 * message, never its exit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("genserver")
public @interface AutoConfigureGenServer {

    /**
     * What the application under test does when its root supervisor gives up, as
     * {@code genserver.on-give-up}.
     *
     * @return {@code keep-running} by default
     */
    String onGiveUp() default "keep-running";
}
