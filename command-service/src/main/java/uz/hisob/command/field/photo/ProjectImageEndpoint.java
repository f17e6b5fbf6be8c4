package uz.hisob.command.field.photo;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.FieldIds;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.images.upload.ImageUploadEndpoint;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

/**
 * {@code POST /api/projects/{p}/images} (ADMIN, MANAGER, the project's AGENTs): a photo for a visit or a client, into
 * the one image store (field-sales.md, "Images"). It joins the project's photo-audit queue as {@code PENDING},
 * {@code source} {@code AGENT} or {@code MANAGER}; {@code duplicateOf} names an earlier upload of the same bytes.
 */
@RestController
public class ProjectImageEndpoint {

    private final ImageUploadEndpoint uploads;
    private final EventStore events;

    public ProjectImageEndpoint(ImageUploadEndpoint uploads, EventStore events) {
        this.uploads = uploads;
        this.events = events;
    }

    @PostMapping(path = "/api/projects/{projectId}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<ResponseEntity<String>> upload(@PathVariable String projectId, @RequestPart(name = "file", required = false) Part file,
                                               Caller caller, ServerWebExchange exchange) {
        FieldAccess.requireProject(caller, projectId);
        String source = FieldAccess.actsAsAgent(caller) ? "AGENT" : "MANAGER";
        return Blocking.run(() -> events.lastSequenceNumberFor(FieldIds.project(caller.tenant(), projectId)).isPresent())
                .flatMap(exists -> exists ? uploads.upload(file, caller, exchange, source, projectId)
                        : Mono.error(ApiException.notFound("Project")));
    }
}
