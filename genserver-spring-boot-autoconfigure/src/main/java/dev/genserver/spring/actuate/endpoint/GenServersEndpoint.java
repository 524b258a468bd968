package dev.genserver.spring.actuate.endpoint;

import dev.genserver.process.GenServerException;
import dev.genserver.spring.actuate.GenServerInspector;
import dev.genserver.spring.actuate.GenServerInspector.Action;
import dev.genserver.spring.actuate.GenServerInspector.Node;
import dev.genserver.spring.actuate.GenServerInspector.SupervisorNode;
import dev.genserver.spring.actuate.GenServerInspector.WorkerNode;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/genservers}: the supervision tree with every server's inspection data (OTP's
 * {@code observer} and {@code :sys}), one server in detail, and operations that restart,
 * suspend and resume a server.
 *
 * <p>A server's state is shown only when {@code management.endpoint.genservers.show-values}
 * allows it, and always as the server's redaction hook shows it; a hook that throws shows
 * nothing. Write operations are off unless
 * {@code management.endpoint.genservers.access=unrestricted}.
 */
@Endpoint(id = "genservers", defaultAccess = Access.READ_ONLY)
public class GenServersEndpoint {

    /** What is shown in place of a state that may not be shown. */
    public static final String MASK = "******";

    private final GenServerInspector inspector;
    private final GenServerStateFormatter stateFormatter;
    private final boolean showStateByDefault;

    /**
     * Creates the endpoint.
     *
     * @param inspector reads the processes
     * @param stateFormatter turns a server's redacted state into something the endpoint's JSON
     *                       mapper can write
     * @param showStateByDefault whether operations without a security context (JMX) show state
     */
    public GenServersEndpoint(GenServerInspector inspector, GenServerStateFormatter stateFormatter,
                              boolean showStateByDefault) {
        this.inspector = inspector;
        this.stateFormatter = stateFormatter;
        this.showStateByDefault = showStateByDefault;
    }

    /**
     * Returns the supervision tree and every process in it.
     *
     * @return the report
     */
    @ReadOperation
    public GenServersDescriptor genServers() {
        Optional<SupervisorNode> tree = inspector.tree();
        return new GenServersDescriptor(inspector.isTreeRunning(), inspector.runtime().deadLetters(),
                tree.orElse(null));
    }

    /**
     * Returns one process: a supervisor with its children, a server, a keyed server's summary,
     * or a keyed instance ({@code cart[ann]}).
     *
     * @param name the name
     * @return the process, or null (404) when nothing has that name
     */
    @ReadOperation
    public Map<String, Object> genServer(@Selector String name) {
        return body(describe(name, showStateByDefault));
    }

    /**
     * Returns the instance of a keyed server for a key.
     *
     * @param name the keyed server's name
     * @param key the key
     * @return the instance, or null (404) when none runs
     */
    @ReadOperation
    public Map<String, Object> genServerInstance(@Selector String name, @Selector String key) {
        return body(describeInstance(name, key, showStateByDefault));
    }

    /**
     * Restarts, suspends or resumes a process.
     *
     * @param name the name
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the process afterwards, or null when nothing has that name
     */
    @WriteOperation
    public Map<String, Object> operateGenServer(@Selector String name, String action) {
        return body(operate(inspector.find(name), action).orThrow());
    }

    /**
     * Restarts (stops, until the next message), suspends or resumes a keyed instance.
     *
     * @param name the keyed server's name
     * @param key the key
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the instance afterwards, or null when none runs
     */
    @WriteOperation
    public Map<String, Object> operateGenServerInstance(@Selector String name, @Selector String key, String action) {
        return body(operate(inspector.findInstance(name, key), action).orThrow());
    }

    // ---- shared with the web extension -----------------------------------------------------------

    /**
     * Turns a process into a response body, written by the Actuator's own JSON mapper (which
     * leaves out null fields), its fields in declaration order.
     *
     * @param node the process, or null
     * @return the body, or null
     */
    static Map<String, Object> body(Node node) {
        if (node == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : node.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), component.getAccessor().invoke(node));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return OperationResponseBody.of(fields);
    }

    Node describe(String name, boolean showState) {
        return inspector.find(name).map(node -> withState(node, showState)).orElse(null);
    }

    Node describeInstance(String name, String key, boolean showState) {
        return inspector.findInstance(name, key).map(node -> withState(node, showState)).orElse(null);
    }

    private Node withState(Node node, boolean showState) {
        if (!(node instanceof WorkerNode worker) || !worker.status().equals("running")
                && !worker.status().equals("suspended")) {
            return node;
        }
        if (!showState) {
            return worker.withState(MASK);
        }
        return worker.withState(inspector.formattedState(worker.name()).map(stateFormatter::format).orElse(MASK));
    }

    Outcome operate(Optional<Node> node, String action) {
        if (node.isEmpty()) {
            return new Outcome(null, Outcome.NOT_FOUND, null);
        }
        Action parsed = Action.parse(action);
        if (parsed == null) {
            return new Outcome(null, Outcome.BAD_REQUEST, "unknown action '" + action
                    + "'; use restart, suspend or resume");
        }
        try {
            return new Outcome(inspector.operate(node.get(), parsed), Outcome.OK, null);
        } catch (GenServerInspector.UnsupportedOperationOnProcess e) {
            return new Outcome(null, Outcome.BAD_REQUEST, e.getMessage());
        } catch (GenServerException e) {
            return new Outcome(null, Outcome.CONFLICT, e.getMessage());
        }
    }

    /** The result of an operation, before it is turned into a response. */
    record Outcome(Node node, int status, String error) {
        static final int OK = 200;
        static final int BAD_REQUEST = 400;
        static final int NOT_FOUND = 404;
        static final int CONFLICT = 409;

        Node orThrow() {
            if (status != OK && status != NOT_FOUND) {
                throw new IllegalArgumentException(error);
            }
            return node;
        }
    }

    /**
     * The report of {@code /actuator/genservers}.
     *
     * @param running whether the supervision tree runs (false before start and after stop; a
     *                root that is {@code stopped} while this is true gave up)
     * @param deadLetters messages never handled since the application started
     * @param tree the root supervisor and everything under it, or null when not running
     */
    public record GenServersDescriptor(boolean running, long deadLetters, SupervisorNode tree)
            implements OperationResponseBody {
    }
}
