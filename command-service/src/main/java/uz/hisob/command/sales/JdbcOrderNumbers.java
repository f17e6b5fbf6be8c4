package uz.hisob.command.sales;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link OrderNumbers} as one row per tenant in {@code order_numbers}, counted up in the order's transaction. */
@Component
public class JdbcOrderNumbers implements OrderNumbers {

    private final JdbcTemplate jdbc;

    public JdbcOrderNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(String tenant) {
        Long next = jdbc.queryForObject("""
                INSERT INTO order_numbers (tenant, last_number) VALUES (?, 1)
                ON CONFLICT (tenant) DO UPDATE SET last_number = order_numbers.last_number + 1
                RETURNING last_number""", Long.class, tenant);
        return next == null ? 1 : next;
    }
}
