package uz.hisob.query.sales.read;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.inventory.projection.InventoryProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@code GET /api/customers/me} (commerce.md, a CUSTOMER's only read of customers): its record, how many orders it
 * placed and what its confirmed ones came to. Staff's customer reads come with the till (#16).
 */
@RestController
@ReadsFrom(InventoryProjection.NAME)
public class CustomerReads {

    /** A customer as it sees itself. */
    public record Me(String id, String email, String name, String phone, Instant registeredAt, long orders, String spend, String currency) {
    }

    private final DatabaseClient db;

    public CustomerReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/customers/me")
    public Mono<Me> me(Caller caller) {
        String id = OrderReads.customerOf(caller);
        return db.sql("""
                        SELECT c.id, c.email, c.name, c.phone, c.registered_at,
                            (SELECT count(*) FROM sales_order o WHERE o.tenant = c.tenant AND o.customer_id = c.id) AS orders,
                            (SELECT sum(o.total) FROM sales_order o WHERE o.tenant = c.tenant AND o.customer_id = c.id
                                AND o.status IN ('CONFIRMED', 'FULFILLED', 'COMPLETED')) AS spend,
                            (SELECT min(o.currency) FROM sales_order o WHERE o.tenant = c.tenant AND o.customer_id = c.id) AS currency
                        FROM sales_customer c WHERE c.tenant = :tenant AND c.id = :id""")
                .bind("tenant", caller.tenant()).bind("id", id)
                .map(row -> {
                    BigDecimal spend = row.get("spend", BigDecimal.class);
                    String currency = row.get("currency", String.class);
                    return new Me(row.get("id", String.class), row.get("email", String.class), row.get("name", String.class),
                            row.get("phone", String.class), row.get("registered_at", OffsetDateTime.class).toInstant(),
                            row.get("orders", Long.class),
                            spend == null ? null : spend.setScale(currency == null ? 2
                                    : java.util.Currency.getInstance(currency).getDefaultFractionDigits(), java.math.RoundingMode.HALF_UP).toPlainString(),
                            currency);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Customer")));
    }
}
