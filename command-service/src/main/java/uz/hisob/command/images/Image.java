package uz.hisob.command.images;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.images.Images;
import uz.hisob.api.TenantScoped;
import uz.hisob.api.images.ReviewImage;
import uz.hisob.api.images.UploadImage;
import uz.hisob.events.images.ImageReviewed;
import uz.hisob.events.images.ImageUploaded;

import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One uploaded image. Its bytes go to the {@link ImageStore} in the upload's transaction; the event holds the id,
 * the hash and what was measured, and names the tenant's earlier image with the same bytes (a reused photo). A
 * manager's review of it is decided here too.
 */
@Aggregate
public class Image {

    static final Set<String> SOURCES = Set.of("AGENT", "MANAGER", "ONEC");

    static final Set<String> REVIEW = Set.of("APPROVED", "REJECTED");

    @AggregateIdentifier
    private String id;
    private String status;
    private String note;

    protected Image() {
        // for Axon
    }

    /** What an upload answers besides id and position (field-sales.md, "Images"). */
    public record Uploaded(String sha256, String contentType, long bytes, int width, int height, String duplicateOf) {
    }

    /** An image id is used once; a handler that may create, so that it answers what it measured. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Uploaded handle(UploadImage cmd, ImageStore store) {
        if (id != null) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "An image with this id exists");
        }
        if (!SOURCES.contains(cmd.source())) {
            throw CommandRefused.invalid("source", "must be one of " + SOURCES);
        }
        if (!ImageFiles.TYPES.contains(cmd.contentType()) || cmd.width() < 1 || cmd.height() < 1) {
            throw CommandRefused.invalid("file", "must be a JPEG, PNG or WebP image");
        }
        String duplicateOf = store.store(cmd.tenant(), cmd.imageId(), cmd.sha256(), cmd.contentType(), cmd.content(), cmd.thumbnail())
                .orElse(null);
        apply(new ImageUploaded(cmd.tenant(), cmd.imageId(), cmd.sha256(), cmd.contentType(), cmd.content().length, cmd.width(),
                cmd.height(), duplicateOf, cmd.source(), cmd.projectId()));
        return new Uploaded(cmd.sha256(), cmd.contentType(), cmd.content().length, cmd.width(), cmd.height(), duplicateOf);
    }

    /** A review: {@code APPROVED} or {@code REJECTED}; reviewing again replaces the verdict, the same verdict changes nothing. */
    @CommandHandler
    public void handle(ReviewImage cmd) {
        if (!REVIEW.contains(cmd.status())) {
            throw CommandRefused.invalid("status", "must be APPROVED or REJECTED");
        }
        if (!cmd.status().equals(status) || !java.util.Objects.equals(cmd.note(), note)) {
            apply(new ImageReviewed(TenantScoped.localId(id), cmd.status(), cmd.note()));
        }
    }

    @EventSourcingHandler
    void on(ImageReviewed e) {
        status = e.status();
        note = e.note();
    }

    @EventSourcingHandler
    void on(ImageUploaded e) {
        id = Images.aggregateId(e.tenant(), e.imageId());
    }
}
