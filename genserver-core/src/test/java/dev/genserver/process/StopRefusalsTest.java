package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ServerRef.stop refuses what OTP refuses, and says what to do")
class StopRefusalsTest {

    record Ping() {}

    /** Calls stop on itself and answers with what stop threw. */
    record StopYourself() {}

    static final class Server implements GenServer<String> {
        private ServerRef self;

        @Override
        public Init<String> init(ServerContext ctx) {
            self = ctx.self();
            return Init.ok("up");
        }

        @Override
        public Result<String> handleCall(Object request, ReplyTo from, String state) {
            return switch (request) {
                case Ping p -> Result.reply("pong", state);
                case StopYourself s -> {
                    try {
                        self.stop();
                        yield Result.reply("stopped?", state);
                    } catch (IllegalStateException refused) {
                        yield Result.reply(refused.getMessage(), state);
                    }
                }
                default -> Result.unhandled(state);
            };
        }
    }

    private final ProcessRuntime rt = ProcessRuntime.create();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    @DisplayName("a negative stop timeout is refused (naming the server and the value) and the server keeps running")
    void negativeTimeoutRefused() {
        ServerRef ref = rt.start(Server::new, StartOptions.named("stop-negative")).ref();

        assertThatThrownBy(() -> ref.stop(ExitReason.NORMAL, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop-negative")
                .hasMessageContaining("PT-0.001S")
                .hasMessageContaining("INFINITY");

        assertThat(ref.isAlive()).isTrue();
        assertThat(ref.onExit()).isNotDone();
        assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
        assertThat(ref.<String>call(new Ping())).isEqualTo("pong");
    }

    @Test
    @DisplayName("a zero stop timeout is allowed (OTP's timeout() includes 0)")
    void zeroTimeoutAllowed() {
        ServerRef ref = rt.start(Server::new, StartOptions.named("stop-zero")).ref();
        ref.stop(ExitReason.NORMAL, Duration.ZERO);
        assertThat(ref.onExit()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(ref.isAlive()).isFalse();
    }

    @Test
    @DisplayName("stop on itself from a handler throws IllegalStateException that says to return Result.stop")
    void stopSelfFromHandler() {
        ServerRef ref = rt.start(Server::new, StartOptions.named("stop-self")).ref();

        String refusal = ref.call(new StopYourself());

        assertThat(refusal).contains("stop-self")
                .contains("cannot stop itself from its own handler")
                .contains("return Result.stop(reason, state)");
        assertThat(ref.<String>call(new Ping())).isEqualTo("pong");
    }
}
