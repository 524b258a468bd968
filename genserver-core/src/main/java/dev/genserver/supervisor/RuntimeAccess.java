package dev.genserver.supervisor;

import dev.genserver.process.SupervisorAccess;
import java.lang.invoke.MethodHandles;

/**
 * This package's grant of the runtime's supervision hooks ({@link SupervisorAccess}): children
 * started restartable, restarted in place, discarded when given up. Not public: the hooks stay
 * out of the API.
 */
final class RuntimeAccess {

    static final SupervisorAccess SUPERVISION = SupervisorAccess.grant(MethodHandles.lookup());

    private RuntimeAccess() {
    }
}
