package dev.genserver.sample.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The orders table. The workflow writes every order it places or moves on, and reads them all
 * back when it starts, so orders outlive a restart of the server or of the application (with
 * PostgreSQL). Only the workflow writes it: one writer, no locking.
 */
@Repository
public class OrderRepository {

    private final JdbcTemplate jdbc;

    OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or updates an order.
     *
     * @param order the order
     */
    public void save(Order order) {
        int updated = jdbc.update("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?",
                order.status().name(), Timestamp.from(order.updatedAt()), order.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO orders (id, user_name, amount_cents, status, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", order.id(), order.user(), order.amountCents(),
                    order.status().name(), Timestamp.from(order.createdAt()), Timestamp.from(order.updatedAt()));
        }
    }

    /**
     * Reads every order.
     *
     * @return the orders by id
     */
    public List<Order> findAll() {
        return jdbc.query("SELECT id, user_name, amount_cents, status, created_at, updated_at FROM orders ORDER BY id",
                OrderRepository::order);
    }

    private static Order order(ResultSet rs, int row) throws SQLException {
        return new Order(rs.getLong("id"), rs.getString("user_name"), rs.getLong("amount_cents"),
                Order.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
