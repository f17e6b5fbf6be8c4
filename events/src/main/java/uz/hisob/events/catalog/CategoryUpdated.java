package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A category renamed or moved (its products and subcategories move with it). */
@Revision("1")
public record CategoryUpdated(String categoryId, String name, String parentId) {
}
