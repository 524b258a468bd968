package dev.genserver.cluster.autoconfigure;

import java.util.List;
import java.util.Map;

import com.hazelcast.config.Config;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of an application with clustering on (contract §17.9): it succeeds, the
 * cluster's beans are part of the generated context, and the types that cross between members as
 * JSON get Jackson's binding hints, a declared exception its constructors.
 */
class ClusterAotTest {

    /** An item: a record crossing the wire as a parameter. */
    public record Item(String name, int quantity) {
    }

    /** A reply type inside a generic container. */
    public record Line(String name) {
    }

    /** A by-name request, and its reply. */
    public record Count() {
    }

    /** A by-name reply. */
    public record Counted(long total) {
    }

    /** A declared business failure. */
    public static class SoldOutException extends Exception {
        public SoldOutException(String message) {
            super(message);
        }
    }

    /** The ledger's client interface. */
    public interface StockApi {
        Map<String, List<Line>> add(Item item) throws SoldOutException;
    }

    /** A singleton. */
    @GenServer("stock")
    @Clustered(Placement.SINGLETON)
    public static class Stock implements StockApi {
        @Override
        public Map<String, List<Line>> add(Item item) {
            return Map.of(item.name(), List.of(new Line(item.name())));
        }

        @HandleCall
        Counted count(Count count) {
            return new Counted(0);
        }
    }

    /** What a sharded instance answers. */
    public interface BinApi {
        Line label();
    }

    /** A sharded server. */
    @GenServer("bin")
    @Keyed
    @Clustered(Placement.SHARDED)
    public static class Bin implements BinApi {
        @ServerKey
        String key;

        @Override
        public Line label() {
            return new Line(key);
        }
    }

    /** The application: Boot's Hazelcast member from a Config bean, and the servers. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({HazelcastAutoConfiguration.class, GenServerRuntimeAutoConfiguration.class,
            GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
            GenServerClusterAutoConfiguration.class, GenServerClusterActuatorAutoConfiguration.class})
    @Import({Stock.class, Bin.class})
    static class App {
        @Bean
        Config hazelcastConfig() {
            return new Config().setClusterName("aot");
        }
    }

    @Test
    void aClusteredApplicationIsProcessedAheadOfTimeWithHintsForWhatCrossesTheWire() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of("genserver.cluster.enabled=true").applyTo(context);
            context.register(App.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("dev.genserver.aot", "ClusterApp")), new InMemoryGeneratedFiles());

            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();

            assertThat(context.getBeanNamesForType(ClusterNode.class)).as("the node is part of the context")
                    .isNotEmpty();
            RuntimeHints hints = generation.getRuntimeHints();
            for (Class<?> type : List.of(Item.class, Line.class, Count.class, Counted.class)) {
                assertThat(RuntimeHintsPredicates.reflection().onType(type)
                        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
                        .as("binding hints for %s", type.getSimpleName()).accepts(hints);
            }
            assertThat(RuntimeHintsPredicates.reflection().onType(SoldOutException.class)
                    .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
        }
    }
}
