package dev.genserver.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for servers: the application's {@code @GenServer} beans and the components their
 * constructors and fields take, the GenServer auto-configuration ({@link AutoConfigureGenServer})
 * and a {@link GenServerTester}; no other component and no other auto-configuration. The
 * servers start before the first test and stop, running terminate, when the context closes.
 * The context is found from the {@code @SpringBootConfiguration} above the test's package, as in
 * Spring Boot's own slices.
 *
 * <pre>{@code
 * import dev.genserver.spring.test.GenServerTest;
 * import dev.genserver.spring.test.GenServerTester;
 * import org.junit.jupiter.api.Test;
 * import org.springframework.beans.factory.annotation.Autowired;
 * import org.springframework.test.context.bean.override.mockito.MockitoBean;
 *
 * @GenServerTest(Cart.class)
 * class CartTests {
 *     @Autowired CartApi cart;
 *     @Autowired GenServerTester tester;
 *     @MockitoBean Pricing pricing;               // reaches every fresh Cart instance
 *
 *     @Test
 *     void addsItems() {
 *         cart.add(new Item("book", 12));         // a cast: returns at once
 *         tester.awaitIdle("cart");
 *         assertThat(tester.state("cart", Cart.class).items()).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * Mocking a client interface ({@code @MockitoBean CartApi}) replaces the proxy callers get; the
 * server itself still runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(GenServerTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(GenServerTypeExcludeFilter.class)
@AutoConfigureGenServer
@ImportAutoConfiguration
public @interface GenServerTest {

    /**
     * The classes to keep from the component scan instead of every {@code @GenServer}: the
     * servers under test, and any other component to include. Components the kept servers'
     * constructors and fields take are kept as well.
     *
     * @return the classes; empty for every {@code @GenServer}
     */
    @AliasFor("servers")
    Class<?>[] value() default {};

    /**
     * Alias for {@link #value()}.
     *
     * @return the classes
     */
    @AliasFor("value")
    Class<?>[] servers() default {};

    /**
     * Properties in {@code key=value} form to add to the {@link Environment} before the test
     * runs, such as {@code genserver.call-timeout=1s}.
     *
     * @return the properties
     */
    String[] properties() default {};

    /**
     * Whether the default filtering applies to the {@link SpringBootApplication}'s component
     * scan: by default only the servers and what they take are included.
     *
     * @return false to keep no component by default (add them with {@link #includeFilters()})
     */
    boolean useDefaultFilters() default true;

    /**
     * Include filters adding otherwise filtered beans to the context.
     *
     * @return the filters
     */
    ComponentScan.Filter[] includeFilters() default {};

    /**
     * Exclude filters removing beans that would otherwise be in the context.
     *
     * @return the filters
     */
    ComponentScan.Filter[] excludeFilters() default {};

    /**
     * Auto-configurations to leave out of this test.
     *
     * @return the classes
     */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
