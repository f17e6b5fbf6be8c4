package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Goods arrived from a supplier: each line adds to {@code onHand}; {@code unitCost} (may be null) feeds stock value. */
@Revision("1")
public record StockReceived(String locationId, String receiptId, List<Line> lines, String supplier, LocalDate receivedOn,
                            String note) {

    /** One received product; {@code unitCost} in {@code currency} per unit of the product, or null when not given. */
    public record Line(String productId, long quantity, BigDecimal unitCost, String currency) {
    }
}
