package dev.genserver.sample.payments;

import dev.genserver.process.ReplyTo;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.task.Task;
import dev.genserver.task.TaskResult;
import dev.genserver.task.TaskSupervisor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * Use case 8: a client of a flaky payment gateway with retries and exponential backoff. A charge
 * is a call answered later (a <b>deferred reply</b> through {@link ReplyTo}): each HTTP request
 * runs as a <b>task</b> (contract §15) on its own virtual thread, at most four at once, and its
 * outcome (a response, an I/O error, a timeout) comes back as a {@link TaskResult} message; a
 * failure schedules a retry with {@code sendAfter}. Meanwhile the server keeps handling other
 * charges: it never blocks on I/O, and its requests in flight are cancelled if it stops.
 */
@GenServer(value = "paymentClient", supervisor = "payments", callTimeout = "30s")
public class PaymentClient {

    /** Charges an amount (a call; the reply is a {@link Receipt}). */
    public record Charge(String reference, long amountCents) {
    }

    /** The outcome of a charge. */
    public record Receipt(String reference, boolean paid, String chargeId, int attempts, String error) {
    }

    record Attempt(long id) {
    }

    record Outcome(long id, String token, int status, String body, String error) {
    }

    private record Pending(Charge charge, ReplyTo from, int attempts) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The gateway's requests: at most four at once, whatever the number of charges waiting. */
    private static final TaskSupervisor GATEWAY = TaskSupervisor.bounded("payment-gateway", 4);

    private final TokenManagerApi tokens;
    private final LocalServer server;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<Long, Pending> pending = new HashMap<>();
    /** The attempt (charge id and token) of each request in flight. */
    private final Map<Task<?>, Outcome> inFlight = new HashMap<>();
    private long nextId;

    PaymentClient(TokenManagerApi tokens, LocalServer server,
                  @Value("${shop.payments.max-attempts}") int maxAttempts,
                  @Value("${shop.payments.backoff.initial}") Duration initialBackoff,
                  @Value("${shop.payments.backoff.max}") Duration maxBackoff) {
        this.tokens = tokens;
        this.server = server;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @HandleCall
    void charge(Charge charge, ReplyTo from, GenServerContext ctx) {
        long id = nextId++;
        pending.put(id, new Pending(charge, from, 0));
        attempt(new Attempt(id), ctx);
    }

    @HandleInfo
    void attempt(Attempt attempt, GenServerContext ctx) {
        Pending p = pending.computeIfPresent(attempt.id(), (k, v) -> new Pending(v.charge(), v.from(), v.attempts() + 1));
        if (p == null) {
            return;
        }
        String token = tokens.token();   // a call to the token manager, a sibling in the "payments" supervisor
        String query = "?reference=" + URLEncoder.encode(p.charge().reference(), StandardCharsets.UTF_8)
                + "&amountCents=" + p.charge().amountCents();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/stub/payment-gateway/charges" + query)))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Task<HttpResponse<String>> task = GATEWAY.async(ctx.self(),
                () -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()), Duration.ofSeconds(5));
        inFlight.put(task, new Outcome(attempt.id(), token, 0, null, null));
    }

    @HandleInfo
    void response(TaskResult<?> result, GenServerContext ctx) {
        Outcome attempt = inFlight.remove(result.task());
        if (attempt == null) {
            return;   // a request of an earlier instance, answered after a restart
        }
        outcome(switch (result) {
            case TaskResult.Ok<?>(Task<?> task, Object value) when value instanceof HttpResponse<?> response ->
                    new Outcome(attempt.id(), attempt.token(), response.statusCode(), (String) response.body(), null);
            case TaskResult.Ok<?> ok -> new Outcome(attempt.id(), attempt.token(), 0, null, "no response");
            case TaskResult.Failed<?>(Task<?> task, Throwable error) ->
                    new Outcome(attempt.id(), attempt.token(), 0, null, error.toString());
        }, ctx);
    }

    @SuppressWarnings("unchecked")
    private void outcome(Outcome outcome, GenServerContext ctx) {
        Pending p = pending.get(outcome.id());
        if (p == null) {
            return;
        }
        if (outcome.status() == 200) {
            pending.remove(outcome.id());
            Map<String, Object> body = JSON.readValue(outcome.body(), Map.class);
            p.from().reply(new Receipt(p.charge().reference(), true, (String) body.get("chargeId"), p.attempts(), null));
            return;
        }
        String error = outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
        if (outcome.status() == 401) {
            tokens.invalidate(outcome.token());   // a cast: the next attempt fetches a fresh one
        }
        if (p.attempts() >= maxAttempts) {
            pending.remove(outcome.id());
            p.from().reply(new Receipt(p.charge().reference(), false, null, p.attempts(), error));
            return;
        }
        ctx.sendAfter(new Attempt(outcome.id()), backoff(p.attempts()));
    }

    /** Exponential backoff with full jitter: random between 0 and min(max, initial * 2^(n-1)). */
    private Duration backoff(int attempts) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }
}
