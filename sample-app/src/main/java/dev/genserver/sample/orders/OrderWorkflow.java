package dev.genserver.sample.orders;

import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.sample.orders.Order.Status;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.statem.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 12: the order workflow. Each order is a state machine of its own
 * ({@link OrderMachine}, contract §14), started and linked by this server, which keeps the index
 * of orders. The machine's state timeout cancels an order left unpaid.
 */
@GenServer("orderWorkflow")
public class OrderWorkflow implements OrderWorkflowApi {

    private final Duration paymentTimeout;
    private GenServerContext ctx;
    private final Map<Long, ServerRef> orders = new LinkedHashMap<>();
    private long nextId = 1;

    OrderWorkflow(@Value("${shop.orders.payment-timeout}") Duration paymentTimeout) {
        this.paymentTimeout = paymentTimeout;
    }

    @OnInit
    void init(GenServerContext context) {
        this.ctx = context;
    }

    @Override
    public Order place(String user, long amountCents) {
        Instant now = Instant.now();
        Order order = new Order(nextId++, user, amountCents, Status.PENDING_PAYMENT, now, now);
        // linked: if this index crashes, its orders go with it, and a fresh index starts empty
        ServerRef machine = ctx.runtime().start(StateMachine.server(() -> new OrderMachine(order, paymentTimeout)),
                StartOptions.named("order-" + order.id()).withLinkToCaller(true)).ref();
        orders.put(order.id(), machine);
        return order;
    }

    @Override
    public Order pay(long id) throws IllegalTransitionException {
        return move(id, Status.PAID);
    }

    @Override
    public Order ship(long id) throws IllegalTransitionException {
        return move(id, Status.SHIPPED);
    }

    @Override
    public Order get(long id) throws IllegalTransitionException {
        return machine(id).call(new OrderMachine.Get());
    }

    @Override
    public List<Order> all() {
        List<Order> all = new ArrayList<>();
        for (ServerRef machine : orders.values()) {
            all.add(machine.call(new OrderMachine.Get()));
        }
        return all;
    }

    private Order move(long id, Status to) throws IllegalTransitionException {
        Object answer = machine(id).call(new OrderMachine.Move(to));
        if (answer instanceof OrderMachine.Refused(String reason)) {
            throw new IllegalTransitionException(reason);
        }
        return (Order) answer;
    }

    private ServerRef machine(long id) throws IllegalTransitionException {
        ServerRef machine = orders.get(id);
        if (machine == null) {
            throw new IllegalTransitionException("no order " + id);
        }
        return machine;
    }
}
