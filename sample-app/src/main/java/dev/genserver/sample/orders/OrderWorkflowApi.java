package dev.genserver.sample.orders;

import java.util.List;

/** Use case 12: the order workflow. */
public interface OrderWorkflowApi {

    /** Places an order, waiting for payment (a call). */
    Order place(String user, long amountCents);

    /** Marks an order paid (a call). */
    Order pay(long id) throws IllegalTransitionException;

    /** Marks a paid order shipped (a call). */
    Order ship(long id) throws IllegalTransitionException;

    /** Returns an order (a call). */
    Order get(long id) throws IllegalTransitionException;

    /** Returns every order (a call). */
    List<Order> all();

    /** A transition the state machine does not allow, or an unknown order. */
    class IllegalTransitionException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates it. */
        public IllegalTransitionException(String message) {
            super(message);
        }
    }
}
