package uz.hisob.command.images;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@link ImageStore} in PostgreSQL, the embedded default: {@code image_blobs} (bytes and thumbnail by tenant and
 * hash) and {@code image_ids}, in the command's transaction, so an image's bytes exist exactly when its event does.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "hisob.images.store", havingValue = "postgres",
        matchIfMissing = true)
public class JdbcImageStore implements ImageStore {

    private final JdbcTemplate jdbc;

    public JdbcImageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> store(String tenant, String imageId, String sha256, String contentType, byte[] content, byte[] thumbnail) {
        return record(jdbc, tenant, imageId, sha256, contentType, content, thumbnail);
    }

    /** The rows of an image: its bytes (null when they are kept elsewhere) once per hash, and the image's hash. */
    static Optional<String> record(JdbcTemplate jdbc, String tenant, String imageId, String sha256, String contentType, byte[] content,
                                   byte[] thumbnail) {
        jdbc.update("INSERT INTO image_blobs (tenant, sha256, content_type, content, thumbnail, first_image_id) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant, sha256) DO NOTHING", tenant, sha256, contentType, content, thumbnail, imageId);
        jdbc.update("INSERT INTO image_ids (tenant, image_id, sha256) VALUES (?, ?, ?)", tenant, imageId, sha256);
        String first = jdbc.queryForObject("SELECT first_image_id FROM image_blobs WHERE tenant = ? AND sha256 = ?", String.class,
                tenant, sha256);
        return imageId.equals(first) ? Optional.empty() : Optional.ofNullable(first);
    }

    @Override
    public Optional<String> sha256Of(String tenant, String imageId) {
        return hashOf(jdbc, tenant, imageId);
    }

    static Optional<String> hashOf(JdbcTemplate jdbc, String tenant, String imageId) {
        return jdbc.queryForList("SELECT sha256 FROM image_ids WHERE tenant = ? AND image_id = ?", String.class, tenant, imageId)
                .stream().findFirst();
    }
}
