package dev.genserver.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code cluster} profile processed ahead of time, as the build processes the default
 * profile (sample-app/pom.xml, {@code process-aot}): the clustered servers, Boot's Hazelcast member
 * and the node are part of the generated context, with the cluster's hints for what crosses between
 * instances. Nothing starts: AOT processing never instantiates the beans. Not run again in the
 * build's AOT-mode pass (it processes, it does not run processed code).
 */
@DisabledIfSystemProperty(named = "spring.aot.enabled", matches = "true")
class ClusterProfileAotTests {

    @Test
    void theClusterProfileIsProcessedAheadOfTime(@TempDir Path out) throws Exception {
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(out.resolve("sources")).resourceOutput(out.resolve("resources"))
                .classOutput(out.resolve("classes")).groupId("dev.genserver").artifactId("sample-app").build();

        new SpringApplicationAotProcessor(ShopApplication.class, settings,
                new String[] {"--spring.profiles.active=cluster"}).process();

        String generated;
        try (Stream<Path> files = Files.walk(out.resolve("sources"))) {
            generated = files.filter(Files::isRegularFile).map(ClusterProfileAotTests::read)
                    .reduce("", String::concat);
        }
        assertThat(generated).contains("genServerClusterNode", "hazelcastInstance", "sharedJobQueue");
        String hints;
        try (Stream<Path> files = Files.walk(out.resolve("resources"))) {
            hints = files.filter(p -> p.getFileName().toString().equals("reflect-config.json")
                    || p.getFileName().toString().equals("reachability-metadata.json"))
                    .map(ClusterProfileAotTests::read).reduce("", String::concat);
        }
        assertThat(hints).as("binding hints for a reply that crosses between instances")
                .contains("dev.genserver.sample.cluster.ClusterMessages$QueueView");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
