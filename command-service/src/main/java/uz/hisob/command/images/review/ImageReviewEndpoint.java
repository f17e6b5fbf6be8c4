package uz.hisob.command.images.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.images.ReviewImage;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

/**
 * {@code POST /api/images/{id}/review} (ADMIN, MANAGER): {@code APPROVED} or {@code REJECTED}, with a note; the
 * photo leaves the audit queue ({@code GET /api/projects/{p}/images?status=PENDING}).
 */
@RestController
public class ImageReviewEndpoint {

    /** The verdict. */
    public record Request(@NotBlank String status, @Size(max = 4000) String note) {
    }

    private final CommandDispatcher commands;

    public ImageReviewEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/images/{imageId}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> review(@PathVariable String imageId, @Valid @RequestBody Request body, Caller caller,
                                               ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new ReviewImage(caller.tenant(), imageId, body.status(), body.note()));
    }
}
