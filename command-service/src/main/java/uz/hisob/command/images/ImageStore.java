package uz.hisob.command.images;

import java.util.Optional;

/**
 * Where image bytes are kept, outside the event store, content-addressed per tenant. Written in the transaction of
 * the upload's command; command handlers receive it as a parameter.
 */
public interface ImageStore {

    /**
     * Keeps the bytes of {@code imageId} (once per tenant and hash) and answers the tenant's first image with the
     * same bytes, if it is another one (a duplicate).
     */
    Optional<String> store(String tenant, String imageId, String sha256, String contentType, byte[] content, byte[] thumbnail);

    /** The hash of an uploaded image's bytes. */
    Optional<String> sha256Of(String tenant, String imageId);
}
