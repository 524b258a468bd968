package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.GenServerDefinitionException;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerInstanceDecorator;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.spring.annotation.ServerKey;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.state.fixtures.BadMigrations;
import dev.genserver.state.fixtures.Basket;
import dev.genserver.state.fixtures.Shop;
import dev.genserver.state.fixtures.Plain;
import dev.genserver.state.fixtures.Tally;
import dev.genserver.state.fixtures.Wallet;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration builds, and what it refuses at startup. */
class DurableStateConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    DurableStateAutoConfiguration.class));

    @Test
    void aDataSourceGivesTheJdbcStoreAndADecorator() {
        runner.withUserConfiguration(Wallet.class, Tally.class).withBean(DataSource.class, Databases::h2)
                .withPropertyValues("genserver.state.write-behind-delay=250ms")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(JdbcStateStore.class).hasSingleBean(DurableStates.class);
                    assertThat(ctx.getBean(GenServerInstanceDecorator.class)).isSameAs(ctx.getBean(DurableStates.class));
                    assertThat(ctx.getBean(DurableStates.class).servers()).extracting(DurableServerStatus::server)
                            .containsExactlyInAnyOrder("wallet", "tally");
                    DurableServerStatus tally = ctx.getBean(DurableStates.class).server("tally").orElseThrow();
                    assertThat(tally.mode()).isEqualTo(WriteMode.WRITE_BEHIND);
                    assertThat(tally.writeBehindDelay()).isEqualTo(Duration.ofHours(1));  // its own ${test.tally.delay:1h}
                    assertThat(tally.fields()).containsExactly("count");
                    DurableServerStatus wallet = ctx.getBean(DurableStates.class).server("wallet").orElseThrow();
                    assertThat(wallet.fields()).containsExactly("balance", "deposits");   // not the transient one
                    assertThat(wallet.writeBehindDelay()).isNull();
                });
    }

    @Test
    void theStateFieldsAreTheSpringLayersStateFieldsWithoutTransientAndKeyFields() {
        runner.withUserConfiguration(Shop.class, Basket.class).withBean(DataSource.class, Databases::h2)
                .withBean(Shop.Pricing.class, Shop.Pricing::new)
                .withBean(java.time.Clock.class, java.time.Clock::systemUTC)
                .run(ctx -> {
                    DurableStates states = ctx.getBean(DurableStates.class);
                    ServerDefinitions definitions = ctx.getBean(ServerDefinitions.class);
                    // injected dependencies (constructor, @Autowired, @Value) are not state; transient is not stored
                    assertThat(states.server("shop").orElseThrow().fields())
                            .containsExactly("supplierCode", "stock", "note");
                    // nor the @ServerKey
                    assertThat(states.server("basket").orElseThrow().fields()).doesNotContain("owner");
                    // one rule: the Spring layer's state fields (the status view's), less transient and key fields
                    for (String server : List.of("shop", "basket")) {
                        List<String> springStateFields = definitions.byName(server).orElseThrow().model().stateFields()
                                .stream().filter(f -> !Modifier.isTransient(f.getModifiers())
                                        && !f.isAnnotationPresent(ServerKey.class))
                                .map(Field::getName).toList();
                        assertThat(states.server(server).orElseThrow().fields()).isEqualTo(springStateFields);
                    }
                });
    }

    @Test
    void anApplicationStoreReplacesTheJdbcOne() {
        StateStore own = new JdbcStateStore(Databases.h2(), "own_table", true, java.time.Clock.systemUTC());
        runner.withUserConfiguration(Wallet.class).withBean(DataSource.class, Databases::h2)
                .withBean("ownStore", StateStore.class, () -> own)
                .run(ctx -> assertThat(ctx.getBean(DurableStates.class).store()).isSameAs(own));
    }

    @Test
    void aDurableServerWithoutAnyStoreFailsTheStartupSayingWhatToAdd() {
        runner.withUserConfiguration(Wallet.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(GenServerDefinitionException.class)
                    .hasMessageContaining("servers [wallet] are @Durable but there is no StateStore: add a DataSource");
        });
        runner.withUserConfiguration(Plain.class).run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(DurableStates.class));
    }

    @Test
    void everyMistakeOfADurableClassFailsTheStartupAtOnce() {
        runner.withUserConfiguration(BadMigrations.class).withBean(DataSource.class, Databases::h2).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            while (!(failure instanceof GenServerDefinitionException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(GenServerDefinitionException.class);
            assertThat(((GenServerDefinitionException) failure).problems()).anySatisfy(p -> assertThat(p)
                    .contains("@MigrateState(from = 2) " + BadMigrations.class.getName() + ".tooNew: from must be "
                            + "between 1 and 1 (the class is @StateVersion(2))"))
                    .anySatisfy(p -> assertThat(p).contains("wrongType: must take one ObjectNode"))
                    .anySatisfy(p -> assertThat(p).contains("migrates from 1 too; keep one"));
        });
    }

    @Test
    void badPropertiesFailTheStartupNamingTheProperty() {
        runner.withUserConfiguration(Wallet.class).withBean(DataSource.class, Databases::h2)
                .withPropertyValues("genserver.state.jdbc.table=drop table x;").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("genserver.state.jdbc.table")
                            .hasStackTraceContaining("it is not a plain SQL table name");
                });
        runner.withUserConfiguration(Wallet.class).withBean(DataSource.class, Databases::h2)
                .withPropertyValues("genserver.state.write-behind-delay=0s").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("genserver.state.write-behind-delay")
                            .hasStackTraceContaining("must be positive");
                });
    }

    @Test
    void genserverStateEnabledFalseTurnsItOff() {
        runner.withUserConfiguration(Plain.class).withBean(DataSource.class, Databases::h2)
                .withPropertyValues("genserver.state.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(DurableStates.class).doesNotHaveBean(StateStore.class));
    }
}
