package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** The README's configuration snippets work when copied as they are. */
class ReadmeConfigurationTests {

    private static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    private static List<String> blocks(String language) throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static GenServerProperties bind(String yaml) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("README",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
            environment.getPropertySources().addFirst(source);
        }
        return new Binder(ConfigurationPropertySources.get(environment)).bind("genserver", GenServerProperties.class)
                .orElseGet(GenServerProperties::new);
    }

    @Test
    void theFirstYamlExampleShowsTheDefaults() throws Exception {
        List<String> yaml = blocks("yaml");
        assertThat(yaml).hasSizeGreaterThanOrEqualTo(2);
        assertThat(bind(yaml.getFirst())).usingRecursiveComparison().ignoringFields("supervisors")
                .isEqualTo(new GenServerProperties());
        GenServerProperties.SupervisorProperties root = bind(yaml.getFirst()).getSupervisors().get("root");
        assertThat(root.getMaxRestarts()).isEqualTo(3);
        assertThat(root.getPeriod()).hasSeconds(5);
        assertThat(root.getStrategy()).isEqualTo(dev.genserver.supervisor.Strategy.ONE_FOR_ONE);
        assertThat(root.getBackoff()).usingRecursiveComparison().isEqualTo(new GenServerProperties.Backoff());
    }

    @Test
    void everyYamlExampleBinds() throws Exception {
        for (String yaml : blocks("yaml")) {
            assertThat(bind(yaml)).isNotNull();
        }
    }

    @Test
    void propertiesExamplesHaveNoTrailingComments() throws Exception {
        List<String> blocks = blocks("properties");
        assertThat(blocks).isNotEmpty();
        for (String block : blocks) {
            Properties properties = new Properties();
            properties.load(new java.io.StringReader(block));
            assertThat(properties).isNotEmpty();
            properties.forEach((key, value) -> assertThat(value.toString()).as(key.toString())
                    .doesNotContain("#").doesNotEndWith(" "));
        }
    }
}
