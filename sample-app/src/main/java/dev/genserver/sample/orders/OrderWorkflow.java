package dev.genserver.sample.orders;

import dev.genserver.process.TimerRef;
import dev.genserver.sample.orders.Order.Status;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 12: a state machine with timeouts. Placing an order arms a timer
 * ({@code sendAfter}); paying cancels it; if it fires first, the order is cancelled. Every order
 * is stored in the database ({@link OrderRepository}) and read back at start, when the timers of
 * unpaid orders are armed again for the time they have left.
 */
@GenServer("orderWorkflow")
public class OrderWorkflow implements OrderWorkflowApi {

    /** The timer message. */
    record PaymentTimeout(long id) {
    }

    private final Duration paymentTimeout;
    private final OrderRepository repository;
    private GenServerContext ctx;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<Long, TimerRef> timers = new HashMap<>();
    private long nextId = 1;

    OrderWorkflow(@Value("${shop.orders.payment-timeout}") Duration paymentTimeout, OrderRepository repository) {
        this.paymentTimeout = paymentTimeout;
        this.repository = repository;
    }

    @OnInit
    void init(GenServerContext context) {
        this.ctx = context;     // one context per instance: interface methods can use it for timers
        Instant now = Instant.now();
        for (Order order : repository.findAll()) {
            orders.put(order.id(), order);
            nextId = Math.max(nextId, order.id() + 1);
            if (order.status() == Status.PENDING_PAYMENT) {
                Duration left = paymentTimeout.minus(Duration.between(order.createdAt(), now));
                timers.put(order.id(), ctx.sendAfter(new PaymentTimeout(order.id()),
                        left.isNegative() ? Duration.ZERO : left));
            }
        }
    }

    @Override
    public Order place(String user, long amountCents) {
        Instant now = Instant.now();
        Order order = new Order(nextId++, user, amountCents, Status.PENDING_PAYMENT, now, now);
        repository.save(order);
        orders.put(order.id(), order);
        timers.put(order.id(), ctx.sendAfter(new PaymentTimeout(order.id()), paymentTimeout));
        return order;
    }

    @Override
    public Order pay(long id) throws IllegalTransitionException {
        Order order = transition(id, Status.PENDING_PAYMENT, Status.PAID);
        TimerRef timer = timers.remove(id);
        if (timer != null) {
            timer.cancel();
        }
        return order;
    }

    @Override
    public Order ship(long id) throws IllegalTransitionException {
        return transition(id, Status.PAID, Status.SHIPPED);
    }

    @Override
    public Order get(long id) throws IllegalTransitionException {
        Order order = orders.get(id);
        if (order == null) {
            throw new IllegalTransitionException("no order " + id);
        }
        return order;
    }

    @Override
    public List<Order> all() {
        return new ArrayList<>(orders.values());
    }

    @HandleInfo
    void paymentTimeout(PaymentTimeout timeout) {
        timers.remove(timeout.id());
        Order order = orders.get(timeout.id());
        if (order != null && order.status() == Status.PENDING_PAYMENT) {   // a late timer after pay is harmless
            Order cancelled = order.to(Status.CANCELLED);
            repository.save(cancelled);
            orders.put(order.id(), cancelled);
        }
    }

    private Order transition(long id, Status from, Status to) throws IllegalTransitionException {
        Order order = get(id);
        if (order.status() != from) {
            throw new IllegalTransitionException("order " + id + " is " + order.status() + ", cannot become " + to);
        }
        Order next = order.to(to);
        repository.save(next);
        orders.put(id, next);
        return next;
    }
}
