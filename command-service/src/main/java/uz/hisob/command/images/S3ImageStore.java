package uz.hisob.command.images;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.images.ImageObjects;
import uz.hisob.platform.blob.S3Blobs;

import java.util.Optional;

/**
 * {@link ImageStore} on an S3-compatible store ({@code hisob.images.store=s3}): the bytes and the thumbnail are objects
 * {@code <tenant>/<sha256>} and {@code <tenant>/<sha256>.thumb.jpg}, put before the command commits (content-addressed,
 * so a failed command leaves at most an object nobody names); what refers to them stays in PostgreSQL, in the
 * command's transaction, as with the default store.
 */
@Component
@ConditionalOnProperty(name = "hisob.images.store", havingValue = "s3")
public class S3ImageStore implements ImageStore {

    private final JdbcTemplate jdbc;
    private final S3Blobs blobs;

    public S3ImageStore(JdbcTemplate jdbc, S3Blobs imageBlobs) {
        this.jdbc = jdbc;
        this.blobs = imageBlobs;
    }

    @Override
    public Optional<String> store(String tenant, String imageId, String sha256, String contentType, byte[] content, byte[] thumbnail) {
        blobs.put(ImageObjects.key(tenant, sha256, false), content, contentType);
        blobs.put(ImageObjects.key(tenant, sha256, true), thumbnail, "image/jpeg");
        return JdbcImageStore.record(jdbc, tenant, imageId, sha256, contentType, null, null);
    }

    @Override
    public Optional<String> sha256Of(String tenant, String imageId) {
        return JdbcImageStore.hashOf(jdbc, tenant, imageId);
    }
}
