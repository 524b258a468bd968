package dev.genserver.cluster.hazelcast;

import com.hazelcast.instance.BuildInfoProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-support jar's version follows the Hazelcast version Spring Boot manages. */
class HazelcastVersionTest {

    @Test
    void testJarMatchesTheManagedHazelcast() {
        assertThat(System.getProperty("hazelcast-tests.version"))
                .as("hazelcast-tests.version in genserver-cluster/pom.xml must equal Spring Boot's hazelcast.version")
                .isEqualTo(BuildInfoProvider.getBuildInfo().getVersion());
    }

    @Test
    void anUnconfiguredInstanceIsRefusedWithTheFix() {
        var factory = new com.hazelcast.test.TestHazelcastInstanceFactory();
        var hz = factory.newHazelcastInstance(new com.hazelcast.config.Config()
                .setClusterName("unconfigured-" + System.nanoTime())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "slf4j"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HazelcastEngine(hz))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HazelcastEngine.configure");
        } finally {
            factory.terminateAll();
        }
    }
}
