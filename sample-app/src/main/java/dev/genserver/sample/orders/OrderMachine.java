package dev.genserver.sample.orders;

import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.sample.orders.Order.Status;
import dev.genserver.statem.Action;
import dev.genserver.statem.Event;
import dev.genserver.statem.StateInit;
import dev.genserver.statem.StateMachine;
import dev.genserver.statem.Transition;
import java.time.Duration;
import java.time.Instant;

/**
 * One order as a state machine (a process per order): {@code PENDING_PAYMENT → PAID → SHIPPED},
 * or {@code PENDING_PAYMENT → CANCELLED} when the <b>state timeout</b> armed on entering
 * {@code PENDING_PAYMENT} fires first. Paying changes the state, which cancels the timeout: no
 * timer to keep or cancel by hand. Each move is written to the {@link OrderRepository} before it
 * is answered; a machine started from a stored order resumes in the stored state, an unpaid one
 * with the time left of its payment timeout.
 */
final class OrderMachine implements StateMachine<Status, Order> {

    /** Asks for the order (a call, in any state). */
    record Get() {
    }

    /** Asks to move the order to {@code to} (a call). */
    record Move(Status to) {
    }

    /** The answer to a move the state machine does not allow. */
    record Refused(String reason) {
    }

    private final Order placed;
    private final Duration paymentTimeout;
    private final OrderRepository repository;

    OrderMachine(Order placed, Duration paymentTimeout, OrderRepository repository) {
        this.placed = placed;
        this.paymentTimeout = paymentTimeout;
        this.repository = repository;
    }

    @Override
    public StateInit<Status, Order> init(ServerContext ctx) {
        return StateInit.ok(placed.status(), placed);
    }

    @Override
    public Transition<Status, Order> enter(Status oldState, Status state, Order order) {
        if (state != Status.PENDING_PAYMENT) {
            return Transition.keepState();
        }
        Duration left = Duration.between(Instant.now(), order.createdAt().plus(paymentTimeout));
        return Transition.keepState(Action.stateTimeout(left.isNegative() ? Duration.ZERO : left, "unpaid"));
    }

    @Override
    public Transition<Status, Order> handleEvent(Event event, Status state, Order order) {
        return switch (event) {
            case Event.Call(Get g, ReplyTo from) -> Transition.keepState(Action.reply(from, order));
            case Event.Call(Move(Status to), ReplyTo from) when allowed(state, to) -> {
                Order next = order.to(to);
                repository.save(next);
                yield Transition.next(to, next, Action.reply(from, next));
            }
            case Event.Call(Move(Status to), ReplyTo from) -> Transition.keepState(Action.reply(from,
                    new Refused("order " + order.id() + " is " + state + ", cannot become " + to)));
            case Event.StateTimeout t when state == Status.PENDING_PAYMENT -> {
                Order cancelled = order.to(Status.CANCELLED);
                repository.save(cancelled);
                yield Transition.next(Status.CANCELLED, cancelled);
            }
            default -> Transition.keepState();
        };
    }

    private static boolean allowed(Status from, Status to) {
        return from == Status.PENDING_PAYMENT && to == Status.PAID || from == Status.PAID && to == Status.SHIPPED;
    }

    @Override
    public Object formatStatus(Status state, Order order) {
        return "order " + order.id() + " of " + order.user();
    }
}
