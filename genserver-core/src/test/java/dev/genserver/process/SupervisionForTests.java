package dev.genserver.process;

/**
 * The supervision hooks ({@link SupervisorAccess}) for the runtime's own tests, which exercise a
 * restartable server without a supervisor. Test code only; it lives in the runtime's package to
 * reach the package-private members behind the bridge.
 */
public final class SupervisionForTests {

    private SupervisionForTests() {
    }

    /** {@link SupervisorAccess#restartable}. */
    public static StartOptions restartable(StartOptions options) {
        return options.withRestartable(true);
    }

    /** {@link SupervisorAccess#restart}. */
    public static StartResult restart(ProcessRuntime runtime, ServerRef ref) {
        return runtime.restart(ref);
    }

    /** {@link SupervisorAccess#discard}. */
    public static void discard(ProcessRuntime runtime, ServerRef ref, ExitReason reason) {
        runtime.discard(ref, reason);
    }
}
