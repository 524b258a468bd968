package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.state.autoconfigure.DurableStateProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** The README's durable-state properties show the defaults, and its DDL is the store's. */
class ReadmeStateConfigurationTests {

    private static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theYamlExampleShowsTheDefaults() throws Exception {
        Matcher m = Pattern.compile("```yaml\\n(genserver:\\n  state:\\n.*?)```", Pattern.DOTALL).matcher(readme());
        assertThat(m.find()).isTrue();
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("README",
                new ByteArrayResource(m.group(1).getBytes(StandardCharsets.UTF_8)))) {
            environment.getPropertySources().addFirst(source);
        }
        DurableStateProperties bound = new Binder(ConfigurationPropertySources.get(environment))
                .bind("genserver.state", DurableStateProperties.class).get();
        assertThat(bound).usingRecursiveComparison().isEqualTo(new DurableStateProperties());
        assertThat(environment.getProperty("genserver.state.enabled", Boolean.class)).isTrue();
    }

    @Test
    void theDdlIsTheOneTheStoreRuns() throws Exception {
        Matcher m = Pattern.compile("```sql\\n(create table if not exists genserver_state .*?)\\n```", Pattern.DOTALL)
                .matcher(readme());
        assertThat(m.find()).isTrue();
        String normalized = m.group(1).replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
        assertThat(normalized).isEqualTo(dev.genserver.state.jdbc.JdbcStateStore.ddl("genserver_state")
                .replaceAll("\\s+", " "));
    }
}
