package dev.genserver.spring.app;

import dev.genserver.spring.KeyedServers;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The web API: talks to the servers only through their injected proxies. */
@RestController
public class ShopController {

    private final OrdersApi orders;
    private final InventoryApi inventory;
    private final KeyedServers<CartApi> carts;

    ShopController(OrdersApi orders, InventoryApi inventory, KeyedServers<CartApi> carts) {
        this.orders = orders;
        this.inventory = inventory;
        this.carts = carts;
    }

    @PostMapping("/orders")
    ResponseEntity<Object> place(@RequestParam String item, @RequestParam int quantity) {
        try {
            return ResponseEntity.ok(Map.of("number", orders.place(item, quantity)));
        } catch (InventoryApi.OutOfStockException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        }
    }

    @GetMapping("/orders")
    List<String> orders() {
        return orders.orders();
    }

    @GetMapping("/stock/{item}")
    int stock(@PathVariable String item) {
        return inventory.stock(item);
    }

    @PostMapping("/carts/{user}")
    void add(@PathVariable String user, @RequestParam String item) {
        carts.get(user).add(item);
    }

    @GetMapping("/carts/{user}")
    List<String> cart(@PathVariable String user) {
        return carts.get(user).items();
    }
}
