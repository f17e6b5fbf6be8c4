package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.sales.Allocation;
import uz.hisob.events.sales.PaymentRef;
import uz.hisob.events.sales.Shipping;

import java.time.Instant;
import java.util.List;

/**
 * Records an order whose stock is reserved ({@code allocations}) and whose payment the provider holds ({@code payment},
 * null for cash on delivery and invoices), priced as {@code priced} says. What was reserved and priced was decided
 * before (the placement); the order takes its number and, unpaid, holds the stock until {@code reservedUntil}.
 */
public record PlaceOrder(String tenant, String orderId, String channel, String customerId, String clientId,
                         String visitId, PricedOrder priced, List<Allocation> allocations, String paymentMethod,
                         PaymentRef payment, Instant reservedUntil, Shipping shipping, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
