package dev.genserver.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.app.Cart;
import dev.genserver.spring.app.CartApi;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ReflectionUtils;

/**
 * An application with a plain and a keyed server, processed ahead of time as
 * {@code spring-boot:process-aot} does. (spring-core-test's {@code TestCompiler} is not on Maven
 * Central for this Spring Framework version; the sample app's build compiles and runs its
 * AOT-generated code instead, in its second test run.)
 */
class GenServerAotTests {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class})
    @Import({Counter.class, Cart.class, Events.class})
    static class App {
    }

    private final InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
    private final DefaultGenerationContext generation = new DefaultGenerationContext(
            new ClassNameGenerator(ClassName.get(App.class)), files);

    private ClassName process() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(App.class);
        ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        generation.writeGeneratedContent();
        return initializer;
    }

    private String generatedSources() {
        List<String> sources = new ArrayList<>();
        files.getGeneratedFiles(Kind.SOURCE).forEach((path, content) -> {
            try (var in = content.getInputStream()) {
                sources.add(new String(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return String.join("\n", sources);
    }

    @Test
    void writesEveryServerDefinitionAsCode() {
        assertThat(process()).isNotNull();
        String code = generatedSources();
        assertThat(code)
                .contains("ClientProxyFactoryBean", "\"counter\"", "CounterApi.class")
                .contains("genServerKeyedServerManager", "\"cart\"", "CartApi.class")
                .contains("ServerDefinitionsFactoryBean", "Counter.class", "Cart.class")
                .contains("setScope(\"prototype\")", "setAutowireCandidate(false)");
    }

    @Test
    void hintsCoverProxiesHandlersHooksAndKeyFields() {
        process();
        RuntimeHints hints = generation.getRuntimeHints();
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(CounterApi.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(CartApi.class)).accepts(hints);
        Method handler = ReflectionUtils.findMethod(Counter.class, "get", Counter.Get.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(handler)).accepts(hints);
        Method hook = ReflectionUtils.findMethod(Cart.class, "terminate", ExitReason.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(hook)).accepts(hints);
        Method implementation = ReflectionUtils.findMethod(Counter.class, "increment", int.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(implementation)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Cart.class, "user")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(CartApi.class, "items")).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Runnable.class)).rejects(hints);
    }
}
