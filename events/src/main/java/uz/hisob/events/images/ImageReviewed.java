package uz.hisob.events.images;

import org.axonframework.serialization.Revision;

/** A manager reviewed a photo ({@code APPROVED} or {@code REJECTED}, with a note); a later review replaces it. */
@Revision("1")
public record ImageReviewed(String imageId, String status, String note) {
}
