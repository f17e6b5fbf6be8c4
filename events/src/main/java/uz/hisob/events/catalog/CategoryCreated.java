package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A category, at the top of the tree ({@code parentId} null) or under another. */
@Revision("1")
public record CategoryCreated(String categoryId, String name, String parentId) {
}
