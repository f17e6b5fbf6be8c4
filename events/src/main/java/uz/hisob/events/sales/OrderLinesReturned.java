package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/**
 * Goods of a fulfilled order came back ({@code returnId}): per line what came back, what is refunded for it and,
 * with {@code restock}, the location it goes back to; {@code refund} is their sum, refunded to the payer (or nothing
 * to refund: cash on delivery and invoices are settled outside).
 */
@Revision("1")
public record OrderLinesReturned(String orderId, String returnId, List<Returned> lines, BigDecimal refund, String reason,
                                 boolean restock) {

    /** One product back: {@code quantity} of it, {@code amount} refunded, restocked at {@code locationId}. */
    public record Returned(String productId, long quantity, BigDecimal amount, String locationId) {
    }
}
