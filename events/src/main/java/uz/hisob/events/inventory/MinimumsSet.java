package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Minimum quantities of products at the location: below one, the product is low on stock there (0: no minimum). */
@Revision("1")
public record MinimumsSet(String locationId, List<Minimum> items) {

    /** The minimum of one product. */
    public record Minimum(String productId, long minQuantity) {
    }
}
