package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** An image shows a product (an image shows it once; attaching it again changes nothing). */
@Revision("1")
public record ProductImageAttached(String productId, String imageId, String sha256) {
}
