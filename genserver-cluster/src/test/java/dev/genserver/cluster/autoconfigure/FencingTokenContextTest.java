package dev.genserver.cluster.autoconfigure;

import java.time.Duration;
import java.util.OptionalLong;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.BeanGenServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster singleton's handlers read the fencing token of their incarnation from their
 * {@link GenServerContext} (contract §17.5), from init on; other servers have none. A sharded
 * {@code @Keyed} server is declared with the Spring layer's passivation reason, so that a call
 * racing with its passivation is routed again (§17.3).
 */
class FencingTokenContextTest {

    /** Answers the token its context gives. */
    public interface TokenApi {
        long token();

        long tokenAtInit();
    }

    /** A singleton. */
    @GenServer("fenced")
    @Clustered(Placement.SINGLETON)
    public static class Fenced implements TokenApi {
        private GenServerContext ctx;
        private long atInit = -1;

        @OnInit
        void init(GenServerContext ctx) {
            this.ctx = ctx;
            atInit = ctx.fencingToken().orElse(-2);
        }

        @Override
        public long token() {
            return ctx.fencingToken().orElse(-2);
        }

        @Override
        public long tokenAtInit() {
            return atInit;
        }
    }

    /** What a sharded or local server's context gives. */
    public interface ShelfApi {
        boolean hasToken();
    }

    /** A sharded server. */
    @GenServer("unfenced")
    @Keyed
    @Clustered(Placement.SHARDED)
    public static class Unfenced implements ShelfApi {
        private GenServerContext ctx;

        @OnInit
        void init(GenServerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public boolean hasToken() {
            return ctx.fencingToken().isPresent();
        }
    }

    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();

    @AfterEach
    void shutdown() {
        factory.shutdownAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSingletonSeesItsIncarnationsTokenOthersNone() {
        HazelcastInstance hazelcast = factory.newHazelcastInstance(
                ClusteredGenServersTest.config("fencing-" + System.nanoTime()));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        GenServerClusterAutoConfiguration.class))
                .withBean(HazelcastInstance.class, () -> hazelcast, bd -> bd.setDestroyMethodName(""))
                .withUserConfiguration(Fenced.class, Unfenced.class)
                .withPropertyValues("genserver.cluster.enabled=true", "genserver.cluster.call-timeout=30s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClusterNode node = context.getBean(ClusterNode.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> node.fencingToken("fenced").isPresent());
                    OptionalLong token = node.fencingToken("fenced");
                    TokenApi fenced = context.getBean(TokenApi.class);
                    assertThat(fenced.token()).isEqualTo(token.getAsLong()).isPositive();
                    assertThat(fenced.tokenAtInit()).isEqualTo(token.getAsLong());
                    KeyedServers<ShelfApi> shelves = context.getBean(KeyedServers.class);
                    assertThat(shelves.get("a").hasToken()).isFalse();
                    // and a call that races with a sharded instance's passivation is routed again (§17.3)
                    assertThat(node.servers().get("unfenced").passivation()).isEqualTo(BeanGenServer.PASSIVATED);
                    assertThat(node.servers().get("fenced").passivation()).isNull();
                });
    }
}
