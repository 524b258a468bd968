package dev.genserver.sample.payments;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Where the stubbed outside world lives: {@code shop.payments.base-url}, or this app's own port. */
@Component
class LocalServer {

    private final Environment environment;
    private final String baseUrl;

    LocalServer(Environment environment, @Value("${shop.payments.base-url:}") String baseUrl) {
        this.environment = environment;
        this.baseUrl = baseUrl;
    }

    String url(String path) {
        String base = baseUrl.isBlank()
                ? "http://localhost:" + environment.getProperty("local.server.port", "8080")
                : baseUrl;
        return base + path;
    }
}
