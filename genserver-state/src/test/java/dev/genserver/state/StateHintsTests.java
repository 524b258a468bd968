package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Basket;
import dev.genserver.state.fixtures.Gauge;
import dev.genserver.state.fixtures.Plain;
import dev.genserver.state.fixtures.Shop;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.javapoet.ClassName;

/** The native-image hints of durable state: Jackson's access to what the stored fields hold, and the migrations. */
class StateHintsTests {

    @Test
    void theTypesOfStoredFieldsAreBoundForJacksonAndMigrationsInvocable() throws Exception {
        RuntimeHints hints = new RuntimeHints();
        StateHints.register(List.of(Gauge.class, Shop.class, Basket.class), new StandardEnvironment(), hints);
        // a state type only Jackson reads: its accessors
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Gauge.Level.class, "getValue")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Gauge.Level.class, "setValue")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Shop.class.getDeclaredField("stock"))).accepts(hints);
        // an injected dependency is not state: no hint
        assertThat(RuntimeHintsPredicates.reflection().onType(Shop.Pricing.class)).rejects(hints);
        // Basket's migrations
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Basket.class.getDeclaredMethod(
                "quantities", tools.jackson.databind.node.ObjectNode.class))).accepts(hints);
    }

    @Test
    void theProcessorIsRegisteredAndContributesForAnApplicationWithDurableServersOnly() {
        assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
                .hasAtLeastOneElementOfType(StateHints.class);
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        DurableStateAutoConfiguration.class))
                .withBean(DataSource.class, Databases::h2);
        runner.withUserConfiguration(Gauge.class).run(ctx -> {
            BeanFactoryInitializationAotContribution contribution = new StateHints()
                    .processAheadOfTime(ctx.getBeanFactory());
            assertThat(contribution).isNotNull();
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("com.example", "App")), new InMemoryGeneratedFiles());
            contribution.applyTo(generation, null);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Gauge.Level.class, "getValue"))
                    .accepts(generation.getRuntimeHints());
        });
        runner.withUserConfiguration(Plain.class).run(ctx ->
                assertThat(new StateHints().processAheadOfTime(ctx.getBeanFactory())).isNull());
    }
}
