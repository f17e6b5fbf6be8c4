package uz.hisob.query.field.read;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.images.ImageProjection;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.time.Instant;
import java.util.Set;

import static uz.hisob.query.field.read.ClientReads.instant;

/**
 * The photo-audit queue (field-sales.md, "Images"): {@code GET /api/projects/{p}/images?status=PENDING} (ADMIN,
 * MANAGER, AUDITOR), oldest first; each image with its {@code source}, {@code status} and, for a reused photo,
 * {@code duplicateOf}, the earlier image of the same bytes.
 */
@RestController
@ReadsFrom({ImageProjection.NAME, FieldProjection.NAME})
public class PhotoAuditReads {

    /** A photo of the project. */
    public record Photo(String id, String sha256, String contentType, long bytes, int width, int height, String duplicateOf,
                        String source, String status, String uploadedBy, Instant uploadedAt, String reviewNote, String reviewedBy,
                        Instant reviewedAt) {
    }

    static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED");

    private final DatabaseClient db;
    private final ProjectReads projects;

    public PhotoAuditReads(DatabaseClient db, ProjectReads projects) {
        this.db = db;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{projectId}/images")
    public Mono<Page<Photo>> images(@PathVariable String projectId, Caller caller, PageRequest page,
                                    @RequestParam(required = false) String status, @RequestParam(required = false) Boolean duplicates) {
        if (status != null && !STATUSES.contains(status)) {
            return Mono.error(ApiException.invalid("status", "must be one of " + new java.util.TreeSet<>(STATUSES)));
        }
        String where = "FROM image WHERE tenant = :tenant AND project_id = :project" + (status == null ? "" : " AND status = :status")
                + (Boolean.TRUE.equals(duplicates) ? " AND duplicate_of IS NOT NULL" : "");
        return projects.exists(caller, projectId).then(WindowedPages.page(db, "id, sha256, content_type, bytes, width, height, duplicate_of, "
                        + "source, status, uploaded_by, uploaded_at, review_note, reviewed_by, reviewed_at", where, "ORDER BY uploaded_at, id",
                spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId);
                    return status == null ? spec : spec.bind("status", status);
                }, page, r -> new Photo(r.get("id", String.class), r.get("sha256", String.class), r.get("content_type", String.class),
                        ((Number) r.get("bytes")).longValue(), ((Number) r.get("width")).intValue(), ((Number) r.get("height")).intValue(),
                        r.get("duplicate_of", String.class), r.get("source", String.class), r.get("status", String.class),
                        r.get("uploaded_by", String.class), instant(r, "uploaded_at"), r.get("review_note", String.class),
                        r.get("reviewed_by", String.class), instant(r, "reviewed_at"))));
    }
}
