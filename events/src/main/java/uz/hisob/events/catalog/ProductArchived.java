package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A product hidden from lists and the shop and no longer sold; its history, SKU and barcodes are kept. */
@Revision("1")
public record ProductArchived(String productId) {
}
