package dev.genserver.sample.orders;

import dev.genserver.process.AlreadyStartedException;
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
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 12: the order workflow. Each order is a state machine of its own
 * ({@link OrderMachine}, contract §14), started and linked by this server, which keeps the index
 * of orders. The machine's state timeout cancels an order left unpaid. Every order is stored in
 * the database ({@link OrderRepository}) as it moves on, and read back when this server starts:
 * each stored order gets its machine again, an unpaid one with the time it has left.
 */
@GenServer("orderWorkflow")
public class OrderWorkflow implements OrderWorkflowApi {

    private final Duration paymentTimeout;
    private final OrderRepository repository;
    private GenServerContext ctx;
    private final Map<Long, ServerRef> orders = new LinkedHashMap<>();
    private long nextId = 1;

    OrderWorkflow(@Value("${shop.orders.payment-timeout}") Duration paymentTimeout, OrderRepository repository) {
        this.paymentTimeout = paymentTimeout;
        this.repository = repository;
    }

    @OnInit
    void init(GenServerContext context) {
        this.ctx = context;
        for (Order order : repository.findAll()) {
            orders.put(order.id(), start(order));
            nextId = Math.max(nextId, order.id() + 1);
        }
    }

    @Override
    public Order place(String user, long amountCents) {
        Instant now = Instant.now();
        Order order = new Order(nextId++, user, amountCents, Status.PENDING_PAYMENT, now, now);
        repository.save(order);
        orders.put(order.id(), start(order));
        return order;
    }

    /**
     * Starts an order's machine, linked: if this index crashes, its machines go with it, and the
     * fresh index starts them again from the database. A machine of the crashed index may still
     * hold its name for a moment (the exit signal is on its way): its exit is awaited first.
     */
    private ServerRef start(Order order) {
        StartOptions options = StartOptions.named("order-" + order.id()).withLinkToCaller(true);
        try {
            return startMachine(order, options);
        } catch (AlreadyStartedException previous) {
            previous.holder().onExit().orTimeout(10, TimeUnit.SECONDS).join();
            return startMachine(order, options);
        }
    }

    private ServerRef startMachine(Order order, StartOptions options) {
        return ctx.runtime().start(StateMachine.server(() -> new OrderMachine(order, paymentTimeout, repository)),
                options).ref();
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
