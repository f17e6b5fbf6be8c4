package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** An uploaded image shows a client ({@code kind} free, e.g. {@code storefront}). */
@Revision("1")
public record ClientImageAttached(String clientId, String projectId, String imageId, String kind) {
}
