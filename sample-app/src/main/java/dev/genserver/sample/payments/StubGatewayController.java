package dev.genserver.sample.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands for the outside world of use cases 8 and 9: an OAuth token endpoint and a payment
 * gateway that fails at random ({@code shop.payments.stub.failure-rate}) and refuses expired tokens.
 */
@RestController
class StubGatewayController {

    private final double failureRate;
    private final Duration tokenTtl;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong charges = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejectedTokens = new AtomicLong();

    StubGatewayController(@Value("${shop.payments.stub.failure-rate}") double failureRate,
                          @Value("${shop.payments.token-ttl}") Duration tokenTtl) {
        this.failureRate = failureRate;
        this.tokenTtl = tokenTtl;
    }

    @PostMapping("/stub/oauth/token")
    Map<String, Object> token() {
        String token = "tok-" + issued.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        tokens.put(token, Instant.now().plus(tokenTtl));
        return Map.of("accessToken", token, "expiresInMillis", tokenTtl.toMillis());
    }

    @PostMapping("/stub/payment-gateway/charges")
    ResponseEntity<Map<String, Object>> charge(@RequestHeader(value = "Authorization", required = false) String auth,
                                               @RequestParam String reference, @RequestParam long amountCents) {
        charges.incrementAndGet();
        String token = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
        Instant expiry = tokens.get(token);
        if (expiry == null || expiry.isBefore(Instant.now())) {
            rejectedTokens.incrementAndGet();
            return ResponseEntity.status(401).body(Map.of("error", "invalid or expired token"));
        }
        if (ThreadLocalRandom.current().nextDouble() < failureRate) {
            failures.incrementAndGet();
            return ResponseEntity.status(503).body(Map.of("error", "gateway unavailable, try again"));
        }
        return ResponseEntity.ok(Map.of("chargeId", "ch-" + UUID.randomUUID(), "reference", reference,
                "amountCents", amountCents));
    }

    @GetMapping("/stub/stats")
    Map<String, Object> stats() {
        return Map.of("tokensIssued", issued.get(), "charges", charges.get(), "failures", failures.get(),
                "rejectedTokens", rejectedTokens.get());
    }
}
