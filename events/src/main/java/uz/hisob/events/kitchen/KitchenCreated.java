package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * A kitchen was opened; its zone fixes what "a day" and "a month" mean for its business time. The creation event
 * names the tenant, so the aggregate's identity is whole in its own first event.
 */
@Revision("1")
public record KitchenCreated(String tenant, String kitchenId, String name, String timezone,
                             BigDecimal warningThresholdPct, BigDecimal misuseThresholdPct) {
}
