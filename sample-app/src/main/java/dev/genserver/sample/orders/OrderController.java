package dev.genserver.sample.orders;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 12. */
@RestController
class OrderController {

    private final OrderWorkflowApi workflow;

    OrderController(OrderWorkflowApi workflow) {
        this.workflow = workflow;
    }

    @PostMapping("/orders")
    Order place(@RequestParam String user, @RequestParam long amountCents) {
        return workflow.place(user, amountCents);
    }

    @GetMapping("/orders")
    List<Order> all() {
        return workflow.all();
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<Object> get(@PathVariable long id) {
        return run(() -> workflow.get(id), 404);
    }

    @PostMapping("/orders/{id}/pay")
    ResponseEntity<Object> pay(@PathVariable long id) {
        return run(() -> workflow.pay(id), 409);
    }

    @PostMapping("/orders/{id}/ship")
    ResponseEntity<Object> ship(@PathVariable long id) {
        return run(() -> workflow.ship(id), 409);
    }

    private interface Step {
        Order run() throws OrderWorkflowApi.IllegalTransitionException;
    }

    private static ResponseEntity<Object> run(Step step, int errorStatus) {
        try {
            return ResponseEntity.ok(step.run());
        } catch (OrderWorkflowApi.IllegalTransitionException e) {
            return ResponseEntity.status(errorStatus).body(Map.of("error", e.getMessage()));
        }
    }
}
