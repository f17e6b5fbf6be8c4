package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** An empty category removed. */
@Revision("1")
public record CategoryDeleted(String categoryId) {
}
