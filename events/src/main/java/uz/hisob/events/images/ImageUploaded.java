package uz.hisob.events.images;

import org.axonframework.serialization.Revision;

/**
 * An image was uploaded: its bytes (stored apart, by {@code sha256}) are a {@code contentType} image of
 * {@code width} × {@code height} pixels; {@code duplicateOf} is the tenant's earlier image with the same bytes;
 * {@code source} who brought it ({@code AGENT}, {@code MANAGER}, {@code ONEC}); {@code projectId} the field-sales
 * project it was uploaded to (null for the catalogue's, and in events from before field sales: an added field, the
 * revision stays).
 */
@Revision("1")
public record ImageUploaded(String tenant, String imageId, String sha256, String contentType, long bytes, int width, int height,
                            String duplicateOf, String source, String projectId) {
}
