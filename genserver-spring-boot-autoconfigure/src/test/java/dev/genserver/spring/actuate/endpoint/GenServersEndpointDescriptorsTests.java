package dev.genserver.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.actuate.CrashDescriptor;
import dev.genserver.spring.actuate.KeyedServerDescriptor;
import dev.genserver.spring.actuate.SupervisorDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/** The endpoint's descriptors in a native image, and the sanitizing of the states it shows. */
class GenServersEndpointDescriptorsTests {

    @Test
    void registersBindingHintsForEveryDescriptor() {
        RuntimeHints hints = new RuntimeHints();
        new GenServersEndpointWebExtension.GenServersEndpointWebExtensionRuntimeHints().registerHints(hints,
                getClass().getClassLoader());
        for (Class<?> type : List.of(GenServersEndpoint.GenServersDescriptor.class, SupervisorDescriptor.class,
                WorkerDescriptor.class, KeyedServerDescriptor.class, CrashDescriptor.class,
                GenServersEndpoint.ErrorDescriptor.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
            for (var component : type.getRecordComponents()) {
                assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
                        .as(component.toString()).accepts(hints);
            }
        }
    }

    @Test
    void sanitizingFunctionsSeeEveryEntryByItsPath() {
        StateSanitizer sanitizer = new StateSanitizer(List.of(
                SanitizingFunction.sanitizeValue().ifLikelyCredential(),
                SanitizingFunction.of(data -> data.withValue("[card]")).ifKeyMatches("^items\\[\\d+]\\.card$")));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("owner", "ann");
        account.put("password", "hunter2");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", 7);
        item.put("card", "4111");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("account", account);
        state.put("items", List.of(item));
        state.put("apiToken", "t-1");

        Object shown = sanitizer.sanitize(state);

        assertThat(shown).isEqualTo(Map.of("account", Map.of("owner", "ann", "password", "******"),
                "items", List.of(Map.of("sku", 7, "card", "[card]")), "apiToken", "******"));
        assertThat(account).containsEntry("password", "hunter2"); // the state itself is left alone
    }

    @Test
    void withoutSanitizingFunctionsTheStateIsShownAsItIs() {
        Map<String, Object> state = Map.of("password", "hunter2");
        assertThat(new StateSanitizer(List.of()).sanitize(state)).isSameAs(state);
    }
}
