package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A product in the catalogue. */
@Revision("1")
public record ProductCreated(String productId, ProductDetails details) {
}
