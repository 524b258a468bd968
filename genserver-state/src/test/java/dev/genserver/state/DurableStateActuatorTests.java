package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.actuate.DurableStateEndpoint;
import dev.genserver.state.actuate.DurableStateHealthIndicator;
import dev.genserver.state.autoconfigure.DurableStateActuatorAutoConfiguration;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Tally;
import dev.genserver.state.fixtures.TallyApi;
import dev.genserver.state.fixtures.Wallet;
import dev.genserver.state.fixtures.WalletApi;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The genserverstate endpoint, the genserverState health contributor and the genserver.state meters. */
class DurableStateActuatorTests {

    private final FlakyDataSource database = new FlakyDataSource(Databases.h2());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    DurableStateAutoConfiguration.class, DurableStateActuatorAutoConfiguration.class,
                    EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withUserConfiguration(Wallet.class, Tally.class)
            .withBean(DataSource.class, () -> database)
            .withPropertyValues("management.endpoints.web.exposure.include=*", "genserver.on-give-up=keep-running");

    @Test
    void theEndpointShowsEachDurableServerAndWhatIsStoredForAKey() {
        runner.run(ctx -> {
            WalletApi wallet = ctx.getBean(WalletApi.class);
            wallet.deposit("a", 3);
            TallyApi tally = ctx.getBean(KeyedServerManager.class).servers("tally", TallyApi.class).get("ann");
            tally.increment();
            assertThat(tally.count()).isEqualTo(1);

            DurableStateEndpoint endpoint = ctx.getBean(DurableStateEndpoint.class);
            DurableStateEndpoint.Report report = endpoint.report();
            assertThat(report.store()).isEqualTo("jdbc (table genserver_state)");
            DurableServerStatus w = endpoint.server("wallet");
            assertThat(w.mode()).isEqualTo(WriteMode.WRITE_THROUGH);
            assertThat(w.writes()).isEqualTo(1);
            assertThat(w.lastRevision()).isEqualTo(1);
            assertThat(w.lastWrite()).isNotNull();
            assertThat(w.instances()).isEqualTo(1);
            DurableServerStatus t = endpoint.server("tally");
            assertThat(t.pendingWrites()).isEqualTo(1);
            assertThat(t.writes()).isZero();
            assertThat(endpoint.server("nothing")).isNull();

            DurableStateEndpoint.Stored stored = endpoint.stored("wallet", "-");
            assertThat(stored.revision()).isEqualTo(1);
            assertThat(stored.version()).isEqualTo(1);
            assertThat(endpoint.stored("tally", "ann")).isNull();   // not written yet (write-behind, 1 h)
            ctx.getBean(DurableStates.class).flush("tally[ann]");
            assertThat(endpoint.stored("tally", "ann").revision()).isEqualTo(1);
        });
    }

    @Test
    void healthIsDownWhileTheStoreIsUnreachable() {
        runner.run(ctx -> {
            DurableStateHealthIndicator health = ctx.getBean(DurableStateHealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            database.down(true);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health(true).getDetails().get("error").toString())
                    .contains("jdbc (table genserver_state) failed checking");
            database.down(false);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        });
        runner.withPropertyValues("genserver.state.health.unreachable-status=out_of_service").run(ctx -> {
            database.down(true);
            assertThat(ctx.getBean(DurableStateHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
            database.down(false);
        });
        runner.withPropertyValues("management.health.genserver-state.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(DurableStateHealthIndicator.class));
    }

    @Test
    void metersRecordStoreLatencyFailuresAndPendingWrites() {
        runner.run(ctx -> {
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.get("genserver.state.pending").tag("server", "tally").gauge().value()).isZero();
            WalletApi wallet = ctx.getBean(WalletApi.class);
            wallet.deposit("a", 1);
            assertThat(registry.get("genserver.state.store").tags("server", "wallet", "operation", "write",
                    "outcome", "success").timer().count()).isEqualTo(1);
            assertThat(registry.get("genserver.state.store").tags("server", "wallet", "operation", "load",
                    "outcome", "success").timer().count()).isEqualTo(1);
            database.down(true);
            try {
                wallet.deposit("b", 1);
            } catch (RuntimeException expected) {
                // the write failed
            } finally {
                database.down(false);
            }
            assertThat(registry.get("genserver.state.store").tags("server", "wallet", "operation", "write",
                    "outcome", "failure").timer().count()).isEqualTo(1);
            assertThat(registry.get("genserver.state.store.failures").tag("server", "wallet").functionCounter().count())
                    .isGreaterThanOrEqualTo(1);
            TallyApi tally = ctx.getBean(KeyedServerManager.class).servers("tally", TallyApi.class).get("ann");
            tally.increment();
            assertThat(tally.count()).isEqualTo(1);
            assertThat(registry.get("genserver.state.pending").tag("server", "tally").gauge().value()).isEqualTo(1);
        });
    }
}
