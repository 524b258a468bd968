package dev.genserver.sample.orders;

import java.time.Instant;

/** An order and where it is in the workflow. */
public record Order(long id, String user, long amountCents, Status status, Instant createdAt, Instant updatedAt) {

    /** The states: PENDING_PAYMENT → PAID → SHIPPED, or PENDING_PAYMENT → CANCELLED. */
    public enum Status { PENDING_PAYMENT, PAID, SHIPPED, CANCELLED }

    Order to(Status next) {
        return new Order(id, user, amountCents, next, createdAt, Instant.now());
    }
}
