package dev.genserver.spring.test;

import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Tests one server, or a few, with just their dependencies: a Spring Boot test whose context
 * holds only the given classes, the GenServer auto-configuration and a {@link GenServerTester}.
 * The servers start before the test runs and stop, running terminate, when the context closes.
 *
 * <pre>{@code
 * @GenServerTest({Cart.class, FakePayments.class})
 * class CartTest {
 *     @Autowired CartApi cart;
 *     @Autowired GenServerTester tester;
 *
 *     @Test
 *     void checkout() {
 *         cart.add(new Item("book", 12));
 *         assertThat(cart.total()).isEqualTo(12);
 *         tester.awaitIdle("cart");
 *         assertThat(tester.state("cart", Cart.class).items()).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * Needs {@code spring-boot-starter-test} on the test classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ImportAutoConfiguration({GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
        GenServerKeyedAutoConfiguration.class})
@Import(GenServerTestConfiguration.class)
public @interface GenServerTest {

    /**
     * The components of the test's context: the servers under test and their dependencies (or
     * test doubles of them).
     *
     * @return the classes
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] value() default {};

    /**
     * Properties to add to the environment, such as {@code genserver.call-timeout=1s}.
     *
     * @return {@code key=value} pairs
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
