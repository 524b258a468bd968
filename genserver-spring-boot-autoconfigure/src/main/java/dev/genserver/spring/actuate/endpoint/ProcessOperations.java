package dev.genserver.spring.actuate.endpoint;

import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.KeyedServerDescriptor;
import dev.genserver.spring.actuate.ProcessDescriptor;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.SupervisorDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import dev.genserver.supervisor.DynamicSupervisor;
import dev.genserver.supervisor.Supervisor;
import java.util.Locale;

/**
 * The write operations of {@link GenServersEndpoint}: restart, suspend and resume a process found
 * by {@link SupervisionTreeReader}. A restart is counted in the process's {@code restarts} and in
 * {@code genserver.restarts}, like a restart by its supervisor.
 */
public class ProcessOperations {

    private final SupervisionTreeReader reader;
    private final Runnable restartTree;

    /**
     * Creates the operations.
     *
     * @param reader reads the processes before and after an operation
     * @param restartTree stops and starts the whole supervision tree (a restart of the root)
     */
    public ProcessOperations(SupervisionTreeReader reader, Runnable restartTree) {
        this.reader = reader;
        this.restartTree = restartTree;
    }

    /** What an operation on a process can do. */
    public enum Action {
        /** Restart: a fresh instance through its supervisor (a keyed instance stops; the next message starts it). */
        RESTART,
        /** Suspend: the server handles only inspection; messages queue. */
        SUSPEND,
        /** Resume a suspended server. */
        RESUME;

        /**
         * Parses an action name.
         *
         * @param value {@code restart}, {@code suspend} or {@code resume}, in any case
         * @return the action, or null for anything else
         */
        public static Action parse(String value) {
            if (value == null) {
                return null;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
    }

    /** An operation that does not apply to the process it names. */
    public static class InapplicableOperationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InapplicableOperationException(String message) {
            super(message);
        }
    }

    /**
     * Acts on a process.
     *
     * @param process the process, as the reader found it
     * @param action what to do
     * @return the process afterwards
     * @throws InapplicableOperationException when the action does not apply to it
     * @throws dev.genserver.process.GenServerException when the runtime refused
     */
    public ProcessDescriptor apply(ProcessDescriptor process, Action action) {
        return switch (action) {
            case RESTART -> restart(process);
            case SUSPEND, RESUME -> suspendOrResume(process, action == Action.SUSPEND);
        };
    }

    private ProcessDescriptor restart(ProcessDescriptor process) {
        switch (process) {
            case SupervisorDescriptor s when s.isRoot() -> {
                // The root: restart the whole tree, with fresh supervisors and servers.
                restartTree.run();
                reader.activity().restarted(SupervisionTreeReader.supervisorProcessName(s.name()));
            }
            case SupervisorDescriptor s -> {
                restartChild(s.supervisor(), s.name());
                reader.activity().restarted(SupervisionTreeReader.supervisorProcessName(s.name()));
            }
            case KeyedServerDescriptor k -> throw new InapplicableOperationException(k.name() + " is a keyed server; "
                    + "restart one instance (" + k.name() + "/{key}) or its supervisor " + k.supervisor());
            case WorkerDescriptor w when w.supervisor() == null -> throw new InapplicableOperationException(w.name()
                    + " is not supervised; there is nothing to restart it");
            case WorkerDescriptor w when reader.tags().keyedType(w.name()) != null -> {
                ServerRef ref = reader.runtime().whereis(w.name()).orElse(null);
                ServerRef sup = reader.runtime().whereis(SupervisionTreeReader.supervisorProcessName(w.supervisor()))
                        .orElse(null);
                if (ref != null && sup != null) {
                    DynamicSupervisor.of(sup).terminateChild(ref);
                    reader.activity().restarted(reader.tags().keyedType(w.name()));
                }
                return reader.find(w.name()).orElse(WorkerDescriptor.withoutProcess(w.name(), w.className(),
                        w.supervisor(), w.restart(), "stopped", w.restarts(), w.crashes(), null));
            }
            case WorkerDescriptor w -> {
                restartChild(w.supervisor(), w.name());
                reader.activity().restarted(reader.tags().of(w.name()));
            }
        }
        return reader.find(process.name()).orElse(process);
    }

    private void restartChild(String supervisor, String id) {
        ServerRef sup = reader.runtime().whereis(SupervisionTreeReader.supervisorProcessName(supervisor))
                .orElseThrow(() -> new InapplicableOperationException("the supervisor " + supervisor + " of " + id
                        + " is not running; restart it first"));
        Supervisor s = Supervisor.of(sup);
        s.terminateChild(id);
        s.restartChild(id);
    }

    private ProcessDescriptor suspendOrResume(ProcessDescriptor process, boolean suspend) {
        if (!(process instanceof WorkerDescriptor w)) {
            throw new InapplicableOperationException(process.name() + " is a " + process.type()
                    + "; only servers can be suspended and resumed");
        }
        ServerRef ref = reader.runtime().whereis(w.name()).orElseThrow(
                () -> new InapplicableOperationException(w.name() + " is not running"));
        if (suspend) {
            ref.suspend();
        } else {
            ref.resume();
        }
        return reader.find(w.name()).orElse(process);
    }
}
