package dev.genserver.sample.cart;

import dev.genserver.spring.KeyedServers;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 3. */
@RestController
class CartController {

    private final KeyedServers<CartApi> carts;

    CartController(KeyedServers<CartApi> carts) {
        this.carts = carts;
    }

    @PostMapping("/carts/{user}/items")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void add(@PathVariable String user, @RequestParam long productId, @RequestParam(defaultValue = "1") int quantity) {
        carts.get(user).add(productId, quantity);
    }

    @DeleteMapping("/carts/{user}/items/{productId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void remove(@PathVariable String user, @PathVariable long productId) {
        carts.get(user).remove(productId);
    }

    @GetMapping("/carts/{user}")
    CartApi.Contents contents(@PathVariable String user) {
        return carts.get(user).contents();
    }

    @GetMapping("/carts")
    Map<String, Object> running() {
        List<String> names = carts.running().stream().map(r -> r.name().orElse(r.displayName())).toList();
        return Map.of("running", names);
    }
}
