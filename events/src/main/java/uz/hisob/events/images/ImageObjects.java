package uz.hisob.events.images;

/**
 * Where an image's bytes are in an S3-compatible store ({@code hisob.images.store=s3}): the command side puts them
 * there, the query side reads them back, both by this name.
 */
public final class ImageObjects {

    /** The property prefix of the store's settings, and the property that chooses it. */
    public static final String S3_PROPERTIES = "hisob.images.s3";
    public static final String STORE_PROPERTY = "hisob.images.store";

    private ImageObjects() {
    }

    /** {@code <tenant>/<sha256>} for the bytes, {@code <tenant>/<sha256>.thumb.jpg} for the thumbnail. */
    public static String key(String tenant, String sha256, boolean thumbnail) {
        return tenant + "/" + sha256 + (thumbnail ? ".thumb.jpg" : "");
    }
}
