package dev.genserver.spring.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genserver.process.GenServerException;
import dev.genserver.spring.support.StateMachineBeans;
import dev.genserver.statem.MachineState;
import dev.genserver.spring.actuate.CrashDescriptor;
import dev.genserver.spring.actuate.CurrentMessageDescriptor;
import dev.genserver.spring.actuate.KeyedServerDescriptor;
import dev.genserver.spring.actuate.PlacedServerDescriptor;
import dev.genserver.spring.actuate.ProcessDescriptor;
import dev.genserver.spring.actuate.RelationsDescriptor;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.SupervisorDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import dev.genserver.spring.actuate.endpoint.ProcessOperations.Action;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/genservers}: the supervision tree with every server's inspection data (OTP's
 * {@code observer} and {@code :sys}), one process in detail, and operations that restart,
 * suspend and resume a server. Answers with the typed descriptors of
 * {@link SupervisionTreeReader}.
 *
 * <p>A server's state is shown only when {@code management.endpoint.genservers.show-values}
 * allows it, and always as the server's redaction hook shows it ({@code @Redact},
 * {@code @FormatStatus}); the {@link SanitizingFunction} beans then see every entry of it. A hook
 * that throws shows nothing. Write operations are off unless
 * {@code management.endpoint.genservers.access=unrestricted}.
 */
@Endpoint(id = "genservers", defaultAccess = Access.READ_ONLY)
public class GenServersEndpoint {

    /** What is shown in place of a state that may not be shown. */
    public static final String MASK = "******";

    private final SupervisionTreeReader reader;
    private final ProcessOperations operations;
    private final GenServerStateFormatter stateFormatter;
    private final StateSanitizer sanitizer;
    private final boolean showStateByDefault;

    /**
     * Creates the endpoint.
     *
     * @param reader reads the processes
     * @param operations restarts, suspends and resumes them
     * @param stateFormatter turns a server's redacted state into something the endpoint's JSON
     *                       mapper can write
     * @param sanitizingFunctions what every shown state passes through, in order
     * @param showStateByDefault whether operations without a security context (JMX) show state
     */
    public GenServersEndpoint(SupervisionTreeReader reader, ProcessOperations operations,
                              GenServerStateFormatter stateFormatter,
                              Iterable<SanitizingFunction> sanitizingFunctions, boolean showStateByDefault) {
        this.reader = reader;
        this.operations = operations;
        this.stateFormatter = stateFormatter;
        this.sanitizer = new StateSanitizer(sanitizingFunctions);
        this.showStateByDefault = showStateByDefault;
    }

    /**
     * Returns the supervision tree and every process in it.
     *
     * @return the report
     */
    @ReadOperation
    public GenServersDescriptor genServers() {
        Optional<SupervisorDescriptor> tree = reader.tree();
        return new GenServersDescriptor(reader.isRootAlive(), reader.runtime().deadLetters(), tree.orElse(null),
                reader.placed().orElse(null));
    }

    /**
     * Returns one process: a supervisor with its children, a server, a keyed server's summary,
     * a keyed instance ({@code cart[ann]}), or a placed server that runs on this member.
     *
     * @param name the name
     * @return the process, or null (404) when nothing has that name
     */
    @ReadOperation
    public ProcessDescriptor genServer(@Selector String name) {
        return describe(name, showStateByDefault);
    }

    /**
     * Returns the instance of a keyed server for a key.
     *
     * @param name the keyed server's name
     * @param key the key
     * @return the instance, or null (404) when none runs
     */
    @ReadOperation
    public WorkerDescriptor genServerInstance(@Selector String name, @Selector String key) {
        return describeInstance(name, key, showStateByDefault);
    }

    /**
     * Restarts, suspends or resumes a process.
     *
     * @param name the name
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the process afterwards, or null when nothing has that name
     * @throws IllegalArgumentException when the action is unknown or does not apply
     */
    @WriteOperation
    public ProcessDescriptor operateGenServer(@Selector String name, String action) {
        return operate(reader.find(name), action).orThrow();
    }

    /**
     * Restarts (stops, until the next message), suspends or resumes a keyed instance.
     *
     * @param name the keyed server's name
     * @param key the key
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the instance afterwards, or null when none runs
     * @throws IllegalArgumentException when the action is unknown or does not apply
     */
    @WriteOperation
    public ProcessDescriptor operateGenServerInstance(@Selector String name, @Selector String key, String action) {
        return operate(reader.findInstance(name, key).map(ProcessDescriptor.class::cast), action).orThrow();
    }

    // ---- shared with the web extension -----------------------------------------------------------

    ProcessDescriptor describe(String name, boolean showState) {
        return reader.find(name).map(process -> withState(process, showState)).orElse(null);
    }

    WorkerDescriptor describeInstance(String name, String key, boolean showState) {
        return reader.findInstance(name, key).map(worker -> (WorkerDescriptor) withState(worker, showState))
                .orElse(null);
    }

    Outcome operate(String name, String key, String action) {
        Optional<ProcessDescriptor> process = key == null ? reader.find(name)
                : reader.findInstance(name, key).map(ProcessDescriptor.class::cast);
        return operate(process, action);
    }

    private ProcessDescriptor withState(ProcessDescriptor process, boolean showState) {
        if (!(process instanceof WorkerDescriptor running) || !running.isRunning()) {
            return process;
        }
        WorkerDescriptor worker = running.withRelations(reader.relations(running.name()).orElse(null));
        if (!showState) {
            return worker.withState(StateMachineBeans.isStateMachine(worker.className())
                    ? reader.formattedState(worker.name()).filter(MachineState.class::isInstance)
                            .map(s -> (Object) new MachineState<>(((MachineState<?, ?>) s).state(), MASK)).orElse(MASK)
                    : MASK);
        }
        return worker.withState(reader.formattedState(worker.name()).map(stateFormatter::format)
                .map(sanitizer::sanitize).orElse(MASK));
    }

    private Outcome operate(Optional<ProcessDescriptor> process, String action) {
        if (process.isEmpty()) {
            return new Outcome(null, Outcome.NOT_FOUND, null);
        }
        Action parsed = Action.parse(action);
        if (parsed == null) {
            return new Outcome(null, Outcome.BAD_REQUEST, "unknown action '" + action
                    + "'; use restart, suspend or resume");
        }
        try {
            return new Outcome(operations.apply(process.get(), parsed), Outcome.OK, null);
        } catch (ProcessOperations.InapplicableOperationException e) {
            return new Outcome(null, Outcome.BAD_REQUEST, e.getMessage());
        } catch (GenServerException e) {
            return new Outcome(null, Outcome.CONFLICT, e.getMessage());
        }
    }

    /** The result of an operation, before it is turned into a response. */
    record Outcome(ProcessDescriptor process, int status, String error) {
        static final int OK = 200;
        static final int BAD_REQUEST = 400;
        static final int NOT_FOUND = 404;
        static final int CONFLICT = 409;

        ProcessDescriptor orThrow() {
            if (status != OK && status != NOT_FOUND) {
                throw new IllegalArgumentException(error);
            }
            return process;
        }
    }

    /**
     * The report of {@code /actuator/genservers}.
     *
     * @param running whether the root supervisor runs: false before the tree starts, after it
     *                stops, and once the root has given up
     * @param deadLetters messages never handled since the application started
     * @param tree the root supervisor and everything under it (a root that gave up is shown
     *             {@code stopped} or {@code failed}, without children), or null before the tree
     *             starts and after it stops
     * @param placed the servers a cluster places, outside the tree: where each singleton runs (its
     *               process when here), how many instances of each sharded server run here; null
     *               when no server is placed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenServersDescriptor(boolean running, long deadLetters, SupervisorDescriptor tree,
                                       List<PlacedServerDescriptor> placed)
            implements OperationResponseBody {
    }

    /**
     * Why an operation was refused.
     *
     * @param error what was wrong, and what to do
     */
    public record ErrorDescriptor(String error) implements OperationResponseBody {
    }

    /** The types the endpoint answers with, for binding reflection hints. */
    static final List<Class<?>> DESCRIPTORS = List.of(GenServersDescriptor.class, ErrorDescriptor.class,
            SupervisorDescriptor.class, WorkerDescriptor.class, KeyedServerDescriptor.class, CrashDescriptor.class,
            CurrentMessageDescriptor.class, RelationsDescriptor.class, RelationsDescriptor.TimerDescriptor.class,
            PlacedServerDescriptor.class);
}
