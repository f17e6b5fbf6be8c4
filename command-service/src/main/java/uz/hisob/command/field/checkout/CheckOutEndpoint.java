package uz.hisob.command.field.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.CheckOutVisit;
import uz.hisob.api.field.DeviceFix;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.field.DeviceLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;

/**
 * Checking out (the visit's AGENT): {@code POST /api/visits/{v}/check-out} → 200 with the duration and the visit's
 * flags; a required checklist step unanswered is 409 {@code STEPS_INCOMPLETE} naming them.
 */
@RestController
public class CheckOutEndpoint {

    /** What the device reports, and how the visit ended. */
    public record Request(Instant at, @NotNull @Valid DeviceLocation location, @Size(max = 64) String outcomeId,
                          @Size(max = 4000) String note) {
    }

    private final CommandDispatcher commands;
    private final FieldAccess access;
    private final Clock clock;

    public CheckOutEndpoint(CommandDispatcher commands, FieldAccess access, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping(path = "/api/visits/{visitId}/check-out", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> checkOut(@PathVariable String visitId, @Valid @RequestBody Request body, Caller caller,
                                                 ServerWebExchange exchange) {
        Instant received = clock.instant();
        DeviceFix fix = new DeviceFix(body.at(), body.location().fix(), false, null);
        return access.onVisit(caller, visitId, true, owner -> commands.update(exchange, caller, body,
                new CheckOutVisit(caller.tenant(), owner.agentId(), visitId, fix, body.outcomeId(), body.note(), received)));
    }
}
