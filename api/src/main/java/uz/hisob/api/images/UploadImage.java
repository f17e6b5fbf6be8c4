package uz.hisob.api.images;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an uploaded image whose bytes were judged already ({@code content} a JPEG, PNG or WebP image of
 * {@code width} × {@code height}; {@code thumbnail} a JPEG of at most 320 px on its longer side).
 */
public record UploadImage(String tenant, String imageId, String sha256, String contentType, int width, int height,
                          byte[] content, byte[] thumbnail, String source, String projectId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Images.aggregateId(tenant, imageId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UploadImage u && u.tenant.equals(tenant) && u.imageId.equals(imageId) && u.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tenant, imageId, sha256);
    }

    @Override
    public String toString() {
        return "UploadImage[" + tenant + ", " + imageId + ", " + sha256 + ", " + contentType + ", " + content.length + " bytes]";
    }
}
