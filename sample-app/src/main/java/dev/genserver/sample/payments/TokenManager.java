package dev.genserver.sample.payments;

import dev.genserver.process.TimerRef;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.Redact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * Use case 9: fetches an OAuth-style token and refreshes it before it expires (at
 * {@code shop.payments.refresh-at} of its lifetime) with a {@code sendAfter} timer, so callers
 * always get a valid token without waiting. The token is {@link Redact}ed from Actuator and logs.
 */
@GenServer(value = "tokenManager", supervisor = "payments")
public class TokenManager implements TokenManagerApi {

    /** The refresh timer. */
    record Refresh() {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalServer server;
    private final double refreshAt;
    private GenServerContext ctx;
    @Redact
    private String token;
    private Instant expiresAt = Instant.EPOCH;
    private TimerRef refreshTimer;
    private long refreshes;

    TokenManager(LocalServer server, @Value("${shop.payments.refresh-at}") double refreshAt) {
        this.server = server;
        this.refreshAt = refreshAt;
    }

    @OnInit
    void init(GenServerContext context) {
        this.ctx = context;   // no fetch here: the web server (and so the stub) is not up yet
    }

    @Override
    public String token() {
        if (token == null || !Instant.now().isBefore(expiresAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public void invalidate(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    @Override
    public TokenStatus status() {
        long left = token == null ? 0 : Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        return new TokenStatus(token == null ? null : token.substring(0, Math.min(6, token.length())) + "…", left,
                refreshes);
    }

    @HandleInfo
    void refresh(Refresh tick) {
        fetch();
    }

    @SuppressWarnings("unchecked")
    private void fetch() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/stub/oauth/token")))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode());
            }
            Map<String, Object> body = JSON.readValue(response.body(), Map.class);
            Instant now = Instant.now();
            long lifetime = ((Number) body.get("expiresInMillis")).longValue();
            token = (String) body.get("accessToken");
            expiresAt = now.plusMillis(lifetime);
            refreshes++;
            if (refreshTimer != null) {
                refreshTimer.cancel();
            }
            refreshTimer = ctx.sendAfter(new Refresh(), Duration.ofMillis((long) (lifetime * refreshAt)));
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint unreachable", e);   // crash: the supervisor restarts us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
