package dev.genserver.sample.flashsale;

import dev.genserver.process.MailboxFullException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 4. */
@RestController
class FlashSaleController {

    private final FlashSaleApi flashSale;

    FlashSaleController(FlashSaleApi flashSale) {
        this.flashSale = flashSale;
    }

    @PostMapping("/flash-sale/buy")
    ResponseEntity<Object> buy(@RequestParam String buyer) {
        try {
            return ResponseEntity.ok(flashSale.buy(buyer));
        } catch (FlashSaleApi.SoldOutException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        } catch (MailboxFullException e) {
            return ResponseEntity.status(503).body(Map.of("error", "too many buyers, try again"));
        }
    }

    @GetMapping("/flash-sale")
    FlashSaleApi.Sale sale() {
        return flashSale.sale();
    }

    @PostMapping("/flash-sale/restart")
    FlashSaleApi.Sale restart(@RequestParam int stock) {
        return flashSale.restart(stock);
    }
}
