package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmokeTest {

    record Inc(int by) {}
    record Get() {}
    record Boom() {}

    static final class Counter implements GenServer<Integer> {
        @Override
        public Init<Integer> init(ServerContext ctx) {
            return Init.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer n) {
            return switch (request) {
                case Get g -> Result.reply(n, n);
                case Boom b -> throw new IllegalStateException("boom");
                default -> Result.unhandled(n);
            };
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer n) {
            return message instanceof Inc(int by) ? Result.noReply(n + by) : Result.unhandled(n);
        }
    }

    @Test
    void counter() {
        try (ProcessRuntime rt = ProcessRuntime.create()) {
            ServerRef ref = rt.start(Counter::new, StartOptions.named("c")).ref();
            for (int i = 0; i < 1000; i++) {
                ref.cast(new Inc(1));
            }
            Integer n = ref.call(new Get());
            assertThat(n).isEqualTo(1000);
            assertThatThrownBy(() -> ref.call("nope")).isInstanceOf(NoHandlerException.class);
            assertThat(ref.<Integer>call(new Get())).isEqualTo(1000);
            assertThatThrownBy(() -> ref.call(new Boom())).isInstanceOf(CallFailedException.class)
                    .hasRootCauseMessage("boom");
            org.awaitility.Awaitility.await().until(() -> !ref.isAlive());
            assertThatThrownBy(() -> ref.call(new Get())).isInstanceOf(NoProcessException.class);
            assertThat(rt.whereis("c")).isEmpty();
        }
    }
}
