package uz.hisob.query.images;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.images.ImageReviewed;
import uz.hisob.events.images.ImageUploaded;

import java.time.Instant;

/** The images read model: what each image is and who brought it; written in the processor's transaction. */
@Component
@ProcessingGroup(ImageProjection.NAME)
public class ImageProjection {

    public static final String NAME = "images";

    private final JdbcTemplate jdbc;

    public ImageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A replay from the first event ({@code resetTokens}) starts from empty tables. */
    @ResetHandler
    void reset() {
        new ImageRebuildTarget(jdbc).truncateActive();
    }

    @EventHandler
    void on(ImageUploaded e, @MetaDataValue(EventMetadata.USER) String user, @Timestamp Instant at) {
        jdbc.update("INSERT INTO image (tenant, id, sha256, content_type, bytes, width, height, duplicate_of, source, uploaded_by, uploaded_at, "
                        + "project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.tenant(), e.imageId(), e.sha256(), e.contentType(), e.bytes(),
                e.width(), e.height(), e.duplicateOf(), e.source(), user == null ? "unknown" : user, java.sql.Timestamp.from(at),
                e.projectId());
    }

    @EventHandler
    void on(ImageReviewed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at) {
        jdbc.update("UPDATE image SET status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? WHERE tenant = ? AND id = ?",
                e.status(), e.note(), user, java.sql.Timestamp.from(at), tenant, e.imageId());
    }
}
