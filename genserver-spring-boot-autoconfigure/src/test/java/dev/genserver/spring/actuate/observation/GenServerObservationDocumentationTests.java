package dev.genserver.spring.actuate.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.ServerTags;
import dev.genserver.spring.support.ServerDefinitions;
import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The handler Observation is documented, and the default convention uses exactly the documented keys. */
class GenServerObservationDocumentationTests {

    @Test
    void theDefaultConventionUsesTheDocumentedKeys() {
        GenServerObservationDocumentation doc = GenServerObservationDocumentation.HANDLER;
        assertThat(doc.getDefaultConvention()).isEqualTo(DefaultGenServerObservationConvention.class);
        try (ProcessRuntime runtime = ProcessRuntime.create()) {
            ServerRef echo = runtime.start(Echo::new).ref();
            GenServerObservationContext context = new GenServerObservationContext(echo, "echo",
                    HandlerInterceptor.Kind.CAST, "hello");
            DefaultGenServerObservationConvention convention = new DefaultGenServerObservationConvention();
            assertThat(convention.getLowCardinalityKeyValues(context).stream().map(KeyValue::getKey))
                    .containsExactlyInAnyOrderElementsOf(names(doc.getLowCardinalityKeyNames()));
            assertThat(convention.getHighCardinalityKeyValues(context).stream().map(KeyValue::getKey))
                    .containsExactlyInAnyOrderElementsOf(names(doc.getHighCardinalityKeyNames()));
        }
    }

    @Test
    void theInterceptorObservesHandledMessagesAsDocumented() {
        ObservationRegistry registry = ObservationRegistry.create();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        GenServerObservationInterceptor interceptor = new GenServerObservationInterceptor(registry,
                new ServerTags(new ServerDefinitions(List.of(), List.of())), null);
        try (ProcessRuntime runtime = ProcessRuntime.create()) {
            runtime.addInterceptor(interceptor);
            ServerRef echo = runtime.start(Echo::new).ref();
            assertThat((String) echo.call("ping")).isEqualTo("ping");
        }
        // The handler's Observation stops before the reply is sent.
        assertThat(stopped).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("genserver.handler");
            assertThat(context.getLowCardinalityKeyValue("kind").getValue()).isEqualTo("call");
            assertThat(context.getHighCardinalityKeyValue("genserver.message").getValue()).isEqualTo("String");
        });
    }

    private static List<String> names(KeyName[] names) {
        return Arrays.stream(names).map(KeyName::asString).toList();
    }

    /** Answers every call with its request. */
    static final class Echo implements dev.genserver.process.GenServer<Object> {
        @Override
        public dev.genserver.process.Init<Object> init(dev.genserver.process.ServerContext context) {
            return dev.genserver.process.Init.ok("");
        }

        @Override
        public dev.genserver.process.Result<Object> handleCall(Object request, dev.genserver.process.ReplyTo from,
                                                               Object state) {
            return dev.genserver.process.Result.reply(request, state);
        }
    }
}
