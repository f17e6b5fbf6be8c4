package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.inventory.Line;

import java.util.List;

/** Goods of a fulfilled order come back: refunded, and restocked when {@code restock}. */
public record ReturnOrderLines(String tenant, String orderId, String returnId, List<Line> lines, String reason, boolean restock) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
