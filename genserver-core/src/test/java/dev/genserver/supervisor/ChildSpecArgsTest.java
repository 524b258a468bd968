package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ServerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A child spec keeps its arguments as an unmodifiable copy that allows nulls, without a list of
 * its own for none or one (a dynamic supervisor keeps every child's spec), and hands a
 * supplier-built worker's supplier to the runtime as it is.
 */
class ChildSpecArgsTest {

    static final class Idle implements GenServer<String> {
        @Override
        public Init<String> init(ServerContext ctx) {
            return Init.ok("idle");
        }
    }

    @Test
    void argumentsAreAnUnmodifiableCopyThatAllowsNulls() {
        for (int n = 0; n <= 3; n++) {
            List<Object> given = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                given.add(i == 0 ? null : "arg" + i);
            }
            ChildSpec spec = new ChildSpec("c", args -> new Idle(), given, ChildSpec.worker("c", Idle::new).options(),
                    ChildStarter.DEFAULT, RestartType.PERMANENT, Shutdown.WORKER_DEFAULT, ChildType.WORKER, false);
            List<Object> expected = new ArrayList<>(given);
            given.add("added later");
            assertThat(spec.args()).as("%d arguments", n).isEqualTo(expected);
            assertThatThrownBy(() -> spec.args().add("x")).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(ChildSpec.worker("c", args -> new Idle(), (Object) null).args()).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void aSupplierBuiltWorkerHandsItsSupplierToTheRuntime() {
        Supplier<Idle> factory = Idle::new;
        ChildSpec spec = ChildSpec.worker("c", factory);
        assertThat(spec.supplier()).isSameAs(factory);
        assertThat(spec.factory().create(List.of())).isInstanceOf(Idle.class);
        // with arguments prepended (a dynamic supervisor's extra arguments) the factory still builds it
        ChildSpec withArgs = spec.withArgsPrepended(List.of("extra"));
        assertThat(withArgs.supplier()).isNotSameAs(factory);
        assertThat(withArgs.supplier().get()).isInstanceOf(Idle.class);
    }
}
