package uz.hisob.command.kitchen.createkitchen;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.CreateKitchen;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.math.BigDecimal;
import java.time.ZoneId;

/** {@code POST /api/kitchens} (ADMIN). */
@RestController
public class CreateKitchenEndpoint {

    static final String DEFAULT_ZONE = "Asia/Tashkent";
    static final BigDecimal DEFAULT_WARNING = BigDecimal.TEN;
    static final BigDecimal DEFAULT_MISUSE = BigDecimal.valueOf(15);

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 64) String timezone,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal warningThresholdPct,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal misuseThresholdPct) {
    }

    private final CommandDispatcher commands;

    public CreateKitchenEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String zone = body.timezone() == null ? DEFAULT_ZONE : body.timezone();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiException.invalid("timezone", "must be an IANA zone name such as Asia/Tashkent");
        }
        BigDecimal warning = body.warningThresholdPct() == null ? DEFAULT_WARNING : body.warningThresholdPct();
        BigDecimal misuse = body.misuseThresholdPct() == null ? DEFAULT_MISUSE : body.misuseThresholdPct();
        if (warning.compareTo(misuse) > 0) {
            throw ApiException.invalid("warningThresholdPct", "must not exceed misuseThresholdPct");
        }
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new CreateKitchen(caller.tenant(), id, body.name().strip(), zone, warning, misuse),
                id, "/api/kitchens/" + id);
    }
}
