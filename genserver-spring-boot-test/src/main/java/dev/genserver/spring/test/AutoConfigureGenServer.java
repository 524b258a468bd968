package dev.genserver.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the auto-configurations a {@link GenServerTest} uses: the runtime, the servers and
 * their proxies, keyed servers, and a {@link GenServerTester} bean. The list is in
 * {@code META-INF/spring/dev.genserver.spring.test.AutoConfigureGenServer.imports}. Put it on a
 * test with another slice (or a {@code @SpringBootTest} without auto-configuration) to add the
 * servers to it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureGenServer {
}
