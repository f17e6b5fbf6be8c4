package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** An archived product back in the catalogue. */
@Revision("1")
public record ProductRestored(String productId) {
}
