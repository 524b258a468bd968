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

/**
 * One order as a state machine (a process per order): {@code PENDING_PAYMENT → PAID → SHIPPED},
 * or {@code PENDING_PAYMENT → CANCELLED} when the <b>state timeout</b> armed on entering
 * {@code PENDING_PAYMENT} fires first. Paying changes the state, which cancels the timeout: no
 * timer to keep or cancel by hand.
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

    OrderMachine(Order placed, Duration paymentTimeout) {
        this.placed = placed;
        this.paymentTimeout = paymentTimeout;
    }

    @Override
    public StateInit<Status, Order> init(ServerContext ctx) {
        return StateInit.ok(Status.PENDING_PAYMENT, placed);
    }

    @Override
    public Transition<Status, Order> enter(Status oldState, Status state, Order order) {
        return state == Status.PENDING_PAYMENT
                ? Transition.keepState(Action.stateTimeout(paymentTimeout, "unpaid"))
                : Transition.keepState();
    }

    @Override
    public Transition<Status, Order> handleEvent(Event event, Status state, Order order) {
        return switch (event) {
            case Event.Call(Get g, ReplyTo from) -> Transition.keepState(Action.reply(from, order));
            case Event.Call(Move(Status to), ReplyTo from) when allowed(state, to) -> {
                Order next = order.to(to);
                yield Transition.next(to, next, Action.reply(from, next));
            }
            case Event.Call(Move(Status to), ReplyTo from) -> Transition.keepState(Action.reply(from,
                    new Refused("order " + order.id() + " is " + state + ", cannot become " + to)));
            case Event.StateTimeout t when state == Status.PENDING_PAYMENT ->
                    Transition.next(Status.CANCELLED, order.to(Status.CANCELLED));
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
