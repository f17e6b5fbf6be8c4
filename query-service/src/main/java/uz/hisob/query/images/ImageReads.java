package uz.hisob.query.images;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.events.images.ImageObjects;
import uz.hisob.platform.blob.S3Blobs;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;
import uz.hisob.query.platform.ReadsFrom;

import java.time.Duration;

/**
 * {@code GET /api/images/{id}} (any role of the tenant): the image's bytes, {@code ?size=thumb} its JPEG thumbnail
 * (at most 320 px on its longer side); {@code ETag} the bytes' SHA-256 (with a {@code -thumb} suffix for the
 * thumbnail), {@code If-None-Match} answering 304, {@code Cache-Control: private, max-age=86400}. What the image is
 * comes from the images read model; the bytes from the image store, read off the event loop.
 */
@RestController
@ReadsFrom(ImageProjection.NAME)
public class ImageReads {

    private final DatabaseClient db;
    private final JdbcTemplate store;
    private final S3Blobs s3;

    public ImageReads(DatabaseClient db, @Qualifier("eventsJdbcTemplate") JdbcTemplate store, ObjectProvider<S3Blobs> s3) {
        this.db = db;
        this.store = store;
        this.s3 = s3.getIfAvailable();
    }

    private record Meta(String sha256, String contentType) {
    }

    @GetMapping("/api/images/{imageId}")
    public Mono<ResponseEntity<byte[]>> image(@PathVariable String imageId, @RequestParam(required = false) String size,
                                              @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch, Caller caller) {
        if (size != null && !size.equals("thumb")) {
            return Mono.error(ApiException.invalid("size", "must be thumb, or absent for the original"));
        }
        boolean thumb = size != null;
        // an AGENT sees the catalogue's images and its own project's, never another project's (field-sales.md)
        String agentProject = uz.hisob.query.field.FieldReader.isAgent(caller)
                ? java.util.Objects.requireNonNullElse(caller.scope(uz.hisob.events.field.FieldRoles.PROJECT_CLAIM), "") : null;
        DatabaseClient.GenericExecuteSpec query = db.sql("SELECT sha256, content_type FROM image WHERE tenant = :tenant AND id = :id"
                        + (agentProject == null ? "" : " AND (project_id IS NULL OR project_id = :project)"))
                .bind("tenant", caller.tenant()).bind("id", imageId);
        if (agentProject != null) {
            query = query.bind("project", agentProject);
        }
        return query
                .map(row -> new Meta(row.get("sha256", String.class), row.get("content_type", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Image")))
                .flatMap(meta -> {
                    String etag = "\"" + meta.sha256() + (thumb ? "-thumb" : "") + "\"";
                    CacheControl cache = CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();
                    if (etag.equals(ifNoneMatch)) {
                        return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).<byte[]>build());
                    }
                    return Blocking.run(() -> bytes(caller.tenant(), meta.sha256(), thumb))
                            .map(bytes -> ResponseEntity.ok().eTag(etag).cacheControl(cache)
                                    .contentType(MediaType.parseMediaType(thumb ? "image/jpeg" : meta.contentType())).body(bytes));
                });
    }

    /** From PostgreSQL, or (its columns empty) from the S3-compatible store the bytes were put in. */
    private byte[] bytes(String tenant, String sha256, boolean thumb) {
        byte[] bytes = store.queryForObject("SELECT " + (thumb ? "thumbnail" : "content") + " FROM image_blobs WHERE tenant = ? AND sha256 = ?",
                byte[].class, tenant, sha256);
        if (bytes == null && s3 != null) {
            bytes = s3.get(ImageObjects.key(tenant, sha256, thumb));
        }
        if (bytes == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "The image's bytes are not in the image store");
        }
        return bytes;
    }
}
