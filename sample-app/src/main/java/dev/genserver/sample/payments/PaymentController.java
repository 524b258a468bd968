package dev.genserver.sample.payments;

import dev.genserver.spring.GenServers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for use cases 8 and 9. */
@RestController
class PaymentController {

    private final GenServers genServers;
    private final TokenManagerApi tokens;

    PaymentController(GenServers genServers, TokenManagerApi tokens) {
        this.genServers = genServers;
        this.tokens = tokens;
    }

    @PostMapping("/payments")
    ResponseEntity<PaymentClient.Receipt> charge(@RequestParam String reference, @RequestParam long amountCents) {
        PaymentClient.Receipt receipt = genServers.call("paymentClient", new PaymentClient.Charge(reference, amountCents));
        return ResponseEntity.status(receipt.paid() ? 200 : 502).body(receipt);
    }

    @GetMapping("/payments/token")
    TokenManagerApi.TokenStatus token() {
        return tokens.status();
    }
}
