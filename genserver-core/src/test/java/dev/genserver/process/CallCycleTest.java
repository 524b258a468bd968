package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Call cycles: the outermost caller gets the CallCycleException itself; a server crashes only if it lets"
        + " the exception escape")
class CallCycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Calls the first server of {@code next} with the rest; the last server answers "end". */
    record Relay(List<ServerRef> next) {}

    /** Relays calls; when {@code catches}, answers a call cycle with its message instead of crashing. */
    static final class Relayer implements GenServer<String> {
        private final boolean catches;

        Relayer(boolean catches) {
            this.catches = catches;
        }

        @Override
        public Init<String> init(ServerContext ctx) {
            return Init.ok("");
        }

        @Override
        public Result<String> handleCall(Object request, ReplyTo from, String state) {
            if (!(request instanceof Relay(List<ServerRef> next))) {
                return Result.unhandled(state);
            }
            if (next.isEmpty()) {
                return Result.reply("end", state);
            }
            try {
                Object answer = next.getFirst().call(new Relay(next.subList(1, next.size())), ServerRef.INFINITY);
                return Result.reply(answer, state);
            } catch (CallCycleException cycle) {
                if (!catches) {
                    throw cycle;
                }
                return Result.reply("caught: " + cycle.chain(), state);
            }
        }
    }

    private final ProcessRuntime rt = ProcessRuntime.create();

    @AfterEach
    void close() {
        rt.close();
    }

    private ServerRef start(String name, boolean catches) {
        return rt.start(() -> new Relayer(catches), StartOptions.named(name)).ref();
    }

    @Test
    @DisplayName("A → B → A, nobody catches: the caller of A gets CallCycleException a → b → a (not CallFailedException),"
            + " and both servers crash with it")
    void twoServerCycleUncaught() throws Exception {
        ServerRef a = start("a", false);
        ServerRef b = start("b", false);
        CompletableFuture<ExitReason> aExit = a.onExit();
        CompletableFuture<ExitReason> bExit = b.onExit();

        Throwable thrown = catchThrowable(() -> a.call(new Relay(List.of(b, a)), WAIT));

        assertThat(thrown).isExactlyInstanceOf(CallCycleException.class);
        CallCycleException cycle = (CallCycleException) thrown;
        assertThat(cycle.chain()).containsExactly("a", "b", "a");
        assertThat(cycle.getMessage()).contains("call cycle: a → b → a").contains(Relay.class.getName());
        assertThat(cycle.server()).isEqualTo("a");
        assertThat(cycle.getCause()).as("the original, thrown where the cycle was found")
                .isInstanceOf(CallCycleException.class).hasNoCause();
        assertThat(crashCause(aExit)).isInstanceOf(CallCycleException.class);
        assertThat(crashCause(bExit)).isInstanceOf(CallCycleException.class);
    }

    @Test
    @DisplayName("A → B → A, B catches: nothing crashes and A answers with B's answer")
    void closingServerCatches() {
        ServerRef a = start("a", false);
        ServerRef b = start("b", true);

        Object answer = a.call(new Relay(List.of(b, a)), WAIT);

        assertThat(answer).isEqualTo("caught: [a, b, a]");
        assertThat(a.isAlive()).isTrue();
        assertThat(b.isAlive()).isTrue();
        assertThat(a.<Object>call(new Relay(List.of()), WAIT)).isEqualTo("end");
    }

    @Test
    @DisplayName("A → B → A, B lets it escape and A catches: only B crashes; A sees the cycle, not a crash of B")
    void callerUpTheChainCatches() throws Exception {
        ServerRef a = start("a", true);
        ServerRef b = start("b", false);
        CompletableFuture<ExitReason> bExit = b.onExit();

        Object answer = a.call(new Relay(List.of(b, a)), WAIT);

        assertThat(answer).isEqualTo("caught: [a, b, a]");
        assertThat(crashCause(bExit)).isInstanceOf(CallCycleException.class);
        assertThat(a.isAlive()).isTrue();
    }

    @Test
    @DisplayName("A → B → C → A, nobody catches: the caller of A gets the whole chain")
    void threeServerCycleUncaught() {
        ServerRef a = start("a", false);
        ServerRef b = start("b", false);
        ServerRef c = start("c", false);

        Throwable thrown = catchThrowable(() -> a.call(new Relay(List.of(b, c, a)), WAIT));

        assertThat(thrown).isExactlyInstanceOf(CallCycleException.class)
                .hasMessageContaining("call cycle: a → b → c → a");
        assertThat(((CallCycleException) thrown).chain()).containsExactly("a", "b", "c", "a");
    }

    @Test
    @DisplayName("a server calling itself without catching: its caller gets CallingSelfException (a cycle a → a)")
    void selfCallUncaught() throws Exception {
        ServerRef a = start("a", false);
        CompletableFuture<ExitReason> aExit = a.onExit();

        Throwable thrown = catchThrowable(() -> a.call(new Relay(List.of(a)), WAIT));

        assertThat(thrown).isExactlyInstanceOf(CallingSelfException.class)
                .hasMessageContaining("called itself")
                .hasMessageContaining("a → a");
        assertThat(((CallCycleException) thrown).chain()).containsExactly("a", "a");
        assertThat(crashCause(aExit)).isInstanceOf(CallingSelfException.class);
    }

    @Test
    @DisplayName("an async caller of A gets the CallCycleException in its future")
    void asyncOutermostCaller() {
        ServerRef a = start("a", false);
        ServerRef b = start("b", false);

        CompletableFuture<Object> reply = a.callAsync(new Relay(List.of(b, a)), WAIT);

        assertThat(reply).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isExactlyInstanceOf(CallCycleException.class)
                .withMessageContaining("call cycle: a → b → a");
    }

    private static Throwable crashCause(CompletableFuture<ExitReason> exit) throws Exception {
        ExitReason reason = exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reason).isInstanceOf(ExitReason.Crash.class);
        return ((ExitReason.Crash) reason).cause();
    }
}
