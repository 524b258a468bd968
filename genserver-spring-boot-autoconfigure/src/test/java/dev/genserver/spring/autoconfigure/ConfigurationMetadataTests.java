package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The configuration metadata in the jar: what IDEs complete and document. */
class ConfigurationMetadataTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTests.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            return JsonMapper.builder().build().readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byName(Map<String, Object> metadata, String section) {
        Map<String, Map<String, Object>> items = new java.util.HashMap<>();
        for (Object item : (List<Object>) metadata.get(section)) {
            Map<String, Object> m = (Map<String, Object>) item;
            items.put((String) m.get("name"), m);
        }
        return items;
    }

    @Test
    void describesTheNestedKeysTheHealthSwitchAndTheGiveUpPolicy() throws Exception {
        Map<String, Map<String, Object>> properties = byName(metadata(), "properties");
        assertThat(properties).containsKeys("genserver.on-give-up", "management.health.genservers.enabled",
                "genserver.supervisors.root.max-restarts", "genserver.supervisors.root.period",
                "genserver.supervisors.root.strategy", "genserver.supervisors.root.backoff.multiplier",
                "genserver.supervisors", "genserver.keyed");
        assertThat(properties.get("genserver.on-give-up")).containsEntry("defaultValue", "shutdown");
        assertThat(properties.get("genserver.supervisors.root.max-restarts")).containsEntry("defaultValue", 3);
        assertThat(properties.get("genserver.supervisors.root.period")).containsEntry("defaultValue", "5s");
        assertThat(properties.get("genserver.supervisors.root.max-seconds")).containsKey("deprecation");
        assertThat((String) properties.get("genserver.keyed").get("description")).contains("idle-timeout",
                "max-instances");
        assertThat((String) properties.get("genserver.supervisors").get("description")).contains("strategy",
                "max-restarts", "period", "parent", "servers", "backoff");
    }

    @Test
    void hintsTheValuesOfEveryEnumProperty() throws Exception {
        assertThat(byName(metadata(), "hints")).containsKeys("genserver.on-give-up", "genserver.mailbox.overflow",
                "genserver.mailbox.on-crash", "genserver.supervisors.root.strategy", "genserver.supervisors.keys");
    }

    @Test
    void descriptionsArePlainText() throws Exception {
        for (Map<String, Object> p : byName(metadata(), "properties").values()) {
            assertThat((String) p.getOrDefault("description", "")).as(p.get("name").toString())
                    .doesNotContain("{@", "<p>", "@return");
        }
    }
}
