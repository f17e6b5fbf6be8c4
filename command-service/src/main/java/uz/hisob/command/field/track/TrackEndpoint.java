package uz.hisob.command.field.track;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.UploadTrack;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.events.field.TrackPoint;
import uz.hisob.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/agents/me/track} (AGENT): a batch of 1..1000 GPS points in any order, up to 7 days old → 202
 * {@code {"accepted","duplicates","rejected":[{"index","reason"}],"position"}}. A point of an instant stored before is
 * a duplicate (a batch uploaded twice changes nothing); out-of-range coordinates, a future instant, one older than 7
 * days or an accuracy over 500 m are rejected by index ({@code COORDINATES_OUT_OF_RANGE}, {@code IN_THE_FUTURE},
 * {@code TOO_OLD}, {@code LOW_ACCURACY}), the rest of the batch is kept.
 */
@RestController
public class TrackEndpoint {

    /** One point as a device sends it; what is missing or of the wrong type makes the whole batch a 400. */
    public record Point(@NotNull Instant at, @NotNull Double lat, @NotNull Double lon, Double accuracyMeters, Double speedMps,
                        Integer battery, Boolean mocked) {

        TrackPoint point() {
            return new TrackPoint(at, lat, lon, accuracyMeters, speedMps, battery, Boolean.TRUE.equals(mocked));
        }
    }

    /** A batch. */
    public record Batch(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Point> points) {
    }

    private final CommandDispatcher commands;
    private final Clock clock;

    public TrackEndpoint(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = "/api/agents/me/track", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> upload(@Valid @RequestBody Batch body, Caller caller, ServerWebExchange exchange) {
        UploadTrack command = new UploadTrack(caller.tenant(), FieldAccess.agentOf(caller),
                body.points().stream().map(Point::point).toList(), clock.instant());
        return commands.update(exchange, caller, body, command)
                .map(answer -> ResponseEntity.status(HttpStatus.ACCEPTED).headers(answer.getHeaders()).body(answer.getBody()));
    }
}
