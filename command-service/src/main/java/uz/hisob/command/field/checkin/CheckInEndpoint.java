package uz.hisob.command.field.checkin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.CheckInUnplanned;
import uz.hisob.api.field.CheckInVisit;
import uz.hisob.api.field.DeviceFix;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.field.DeviceLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;

/**
 * Checking in (the visit's AGENT): {@code POST /api/visits/{v}/check-in} at a planned or missed visit, and
 * {@code POST /api/projects/{p}/visits/check-in} at a client without a plan (a visit flagged {@code UNPLANNED}). The
 * rules and flags are the agent's aggregate's ({@code Agent}); {@code at} is the device's time, ours is kept beside it.
 */
@RestController
public class CheckInEndpoint {

    /** What the device reports. */
    public record Request(Instant at, @NotNull @Valid DeviceLocation location, Boolean mocked, @Size(max = 64) String provider) {

        DeviceFix fix() {
            return new DeviceFix(at, location.fix(), Boolean.TRUE.equals(mocked), provider);
        }
    }

    /** An unplanned visit: the client, and what the device reports. */
    public record Unplanned(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id, @NotBlank @Size(max = 64) String clientId,
                            @Size(max = 64) String typeId, Instant at, @NotNull @Valid DeviceLocation location, Boolean mocked,
                            @Size(max = 64) String provider) {
    }

    private final CommandDispatcher commands;
    private final FieldAccess access;
    private final Clock clock;

    public CheckInEndpoint(CommandDispatcher commands, FieldAccess access, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping(path = "/api/visits/{visitId}/check-in", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> checkIn(@PathVariable String visitId, @Valid @RequestBody Request body, Caller caller,
                                                ServerWebExchange exchange) {
        Instant received = clock.instant();
        return access.onVisit(caller, visitId, true, owner -> commands.update(exchange, caller, body,
                new CheckInVisit(caller.tenant(), owner.agentId(), visitId, body.fix(), received)));
    }

    @PostMapping(path = "/api/projects/{projectId}/visits/check-in", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> unplanned(@PathVariable String projectId, @Valid @RequestBody Unplanned body, Caller caller,
                                                  ServerWebExchange exchange) {
        FieldAccess.requireProject(caller, projectId);
        String id = Ids.orNew(body.id());
        DeviceFix fix = new DeviceFix(body.at(), body.location().fix(), Boolean.TRUE.equals(body.mocked()), body.provider());
        return commands.create(exchange, caller, body, new CheckInUnplanned(caller.tenant(), projectId, FieldAccess.agentOf(caller), id,
                body.clientId(), body.typeId(), fix, clock.instant()), id, "/api/visits/" + id);
    }
}
