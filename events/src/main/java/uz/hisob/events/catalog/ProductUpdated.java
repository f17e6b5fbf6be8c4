package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A product's details replaced (its unit never changes). */
@Revision("1")
public record ProductUpdated(String productId, ProductDetails details) {
}
