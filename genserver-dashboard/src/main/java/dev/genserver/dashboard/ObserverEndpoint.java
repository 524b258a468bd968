package dev.genserver.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.ExposableEndpoint;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * {@code /actuator/observer}: a live dashboard of the supervision tree, in the browser. The page
 * and its script are static files; the script reads everything it shows from the
 * {@code genservers} endpoint (tree, processes, state, actions), so what the dashboard shows and
 * does is exactly what that endpoint allows the same user, and from this endpoint's
 * {@code overview} only the charts' history, the rates and where the other endpoints are.
 *
 * <p>Served like every Actuator endpoint: on the management port and under its base path,
 * exposed only when listed in {@code management.endpoints.web.exposure.include}, and protected by
 * the application's rules for the Actuator. Its operations only read.
 */
@WebEndpoint(id = ObserverEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ObserverEndpoint {

    /** The endpoint's id. */
    public static final String ID = "observer";

    /** The content security policy of the page, also sent as a header on servlet servers. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final EndpointId GENSERVERS = EndpointId.of("genservers");
    private static final EndpointId HEALTH = EndpointId.of("health");
    private static final EndpointId SELF = EndpointId.of(ID);
    private static final MimeType HTML = MimeType.valueOf("text/html;charset=UTF-8");
    private static final MimeType JAVASCRIPT = MimeType.valueOf("text/javascript;charset=UTF-8");
    private static final MimeType CSS = MimeType.valueOf("text/css;charset=UTF-8");

    private final ObserverHistory history;
    private final Supplier<PathMappedEndpoints> endpoints;
    private final String page;
    private final String script;
    private final String styles;

    /**
     * Creates the endpoint.
     *
     * @param history the charts' history and the rates
     * @param endpoints the web endpoints exposed, with their paths (null when unknown)
     */
    public ObserverEndpoint(ObserverHistory history, Supplier<PathMappedEndpoints> endpoints) {
        this.history = history;
        this.endpoints = endpoints;
        this.page = read("observer.html");
        this.script = read("observer.js");
        this.styles = read("observer.css");
    }

    /**
     * Returns the dashboard's page.
     *
     * @return the HTML page
     */
    @ReadOperation(produces = "text/html")
    public WebEndpointResponse<String> page() {
        String self = path(SELF);
        String dir = self == null ? ID : self.substring(self.lastIndexOf('/') + 1);
        return new WebEndpointResponse<>(page.replace("{{files}}", escape(dir)), HTML);
    }

    /**
     * Returns one of the page's parts: its script ({@code observer.js}), its styles
     * ({@code observer.css}) or the {@code overview} the script polls.
     *
     * @param part the part's name
     * @return the part, or 404 for any other name
     */
    @ReadOperation(produces = { "application/json", "text/javascript", "text/css" })
    public WebEndpointResponse<Object> part(@Selector String part) {
        return switch (part) {
            case "observer.js" -> new WebEndpointResponse<>(script, JAVASCRIPT);
            case "observer.css" -> new WebEndpointResponse<>(styles, CSS);
            case "overview" -> new WebEndpointResponse<>(overview());
            default -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        };
    }

    /**
     * Returns what the page needs beside the {@code genservers} endpoint.
     *
     * @return the overview
     */
    public Overview overview() {
        String genservers = relative(GENSERVERS);
        if (genservers == null) {
            // Nothing about the processes when their endpoint is not exposed, not even their names.
            return new Overview(null, relative(HEALTH), false, history.interval().toMillis(), List.of(), Map.of());
        }
        return new Overview(genservers, relative(HEALTH), allowsWrites(GENSERVERS), history.interval().toMillis(),
                history.samples(), history.rates());
    }

    private boolean allowsWrites(EndpointId id) {
        PathMappedEndpoints all = endpoints.get();
        PathMappedEndpoint endpoint = all == null ? null : all.getEndpoint(id);
        return endpoint instanceof ExposableEndpoint<?> e
                && e.getOperations().stream().anyMatch(op -> op.getType() == OperationType.WRITE);
    }

    private String path(EndpointId id) {
        PathMappedEndpoints all = endpoints.get();
        return all == null ? null : all.getPath(id);
    }

    /** The path of an endpoint relative to the page's, or null when that endpoint is not exposed. */
    private String relative(EndpointId id) {
        String target = path(id);
        String self = path(SELF);
        if (target == null) {
            return null;
        }
        if (self == null) {
            return target;
        }
        return relativize(self.substring(0, self.lastIndexOf('/') + 1), target);
    }

    /** The path from a directory ({@code /a/b/}) to a target ({@code /a/c}): {@code ../c}. */
    static String relativize(String directory, String target) {
        List<String> from = segments(directory);
        List<String> to = segments(target);
        int common = 0;
        while (common < from.size() && common < to.size() - 1 && from.get(common).equals(to.get(common))) {
            common++;
        }
        StringBuilder path = new StringBuilder();
        path.append("../".repeat(from.size() - common));
        path.append(String.join("/", to.subList(common, to.size())));
        return path.toString();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        segments.removeIf(String::isEmpty);
        return segments;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String read(String file) {
        try (InputStream in = ObserverEndpoint.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's file " + file + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's file " + file, e);
        }
    }

    /**
     * What the page polls beside the {@code genservers} endpoint.
     *
     * @param genservers the {@code genservers} endpoint's path relative to the page, or null when it
     *                   is not exposed (the page then shows nothing of the processes)
     * @param health the {@code health} endpoint's path relative to the page, or null when not exposed
     * @param actions whether the {@code genservers} endpoint has its write operations (restart,
     *                suspend, resume): its access is {@code unrestricted}
     * @param interval the time between two samples, in milliseconds: how often the page polls
     * @param history the samples kept, oldest first
     * @param rates each server's messages per second over the last interval
     */
    public record Overview(String genservers, String health, boolean actions, long interval,
                           List<ObserverHistory.Sample> history, Map<String, Double> rates)
            implements OperationResponseBody {
    }
}
