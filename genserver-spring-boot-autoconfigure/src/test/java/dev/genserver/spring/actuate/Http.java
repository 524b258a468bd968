package dev.genserver.spring.actuate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Real HTTP against the running application, with JSON read through JsonPath. */
final class Http {

    private final RestTestClient client;

    Http(RestTestClient client) {
        this.client = client;
    }

    /** GETs a path, expects {@code status}, returns the body. */
    String get(String path, int status) {
        return client.get().uri(path).exchange().expectStatus().isEqualTo(status).expectBody(String.class)
                .returnResult().getResponseBody();
    }

    /** GETs a path, expects 200, returns the JSON. */
    DocumentContext json(String path) {
        return JsonPath.parse(get(path, 200));
    }

    /** POSTs {@code {"action": action}} to a path and returns the status. */
    int post(String path, String action) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(Map.of("action", action))
                .exchange().returnResult().getStatus().value();
    }

    /** POSTs {@code {"action": action}} to a path, expects {@code status}, returns the body. */
    String post(String path, String action, int status) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(Map.of("action", action))
                .exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
    }
}
