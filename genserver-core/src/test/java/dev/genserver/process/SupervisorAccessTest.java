package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Supervision hooks are out of the public API")
class SupervisorAccessTest {

    @Test
    @DisplayName("restart, discard and withRestartable are not public methods of ProcessRuntime and StartOptions")
    void hooksAreNotPublic() {
        assertThat(Arrays.stream(ProcessRuntime.class.getMethods()).map(Method::getName))
                .doesNotContain("restart", "discard");
        assertThat(Arrays.stream(StartOptions.class.getMethods()).map(Method::getName))
                .doesNotContain("withRestartable", "restartable");
    }

    @Test
    @DisplayName("the bridge is refused to any package but the supervisor's, with a message that says what to use")
    void grantRefusedOutsideTheSupervisorPackage() {
        assertThatThrownBy(() -> SupervisorAccess.grant(MethodHandles.lookup()))
                .isInstanceOf(IllegalCallerException.class)
                .hasMessageContaining(SupervisorAccessTest.class.getName())
                .hasMessageContaining("dev.genserver.supervisor")
                .hasMessageContaining("Supervisor or DynamicSupervisor");
    }

    @Test
    @DisplayName("a lookup without full privileges is refused even for the supervisor package's classes")
    void grantRefusedWithoutFullPrivileges() throws Exception {
        Class<?> supervisorClass = Class.forName("dev.genserver.supervisor.Supervisor");
        MethodHandles.Lookup publicOnly = MethodHandles.publicLookup().in(supervisorClass);
        assertThatThrownBy(() -> SupervisorAccess.grant(publicOnly)).isInstanceOf(IllegalCallerException.class);
    }
}
