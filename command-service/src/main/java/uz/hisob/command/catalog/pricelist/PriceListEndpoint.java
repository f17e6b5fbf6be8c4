package uz.hisob.command.catalog.pricelist;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.catalog.CreatePriceList;
import uz.hisob.api.catalog.PriceLine;
import uz.hisob.api.catalog.SetPrices;
import uz.hisob.api.catalog.UpdatePriceList;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Price lists (ADMIN, MANAGER): {@code POST /api/catalog/price-lists}, {@code PUT …/{pl}} (name, tax rule,
 * {@code "default":true} to make it the tenant's default), {@code PUT …/{pl}/prices} (1 to 1 000 new price versions;
 * a price is never overwritten, and never valid from the past).
 */
@RestController
public class PriceListEndpoint {

    /** The body of a creation. */
    public record CreateRequest(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @NotBlank @Size(max = 200) String name,
                                @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                                @NotNull Boolean taxIncluded,
                                @JsonProperty("default") Boolean makeDefault) {
    }

    /** The body of an update: what changes ({@code {"default":true}} alone moves the default here). */
    public record UpdateRequest(@Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
                                Boolean taxIncluded,
                                @JsonProperty("default") Boolean makeDefault) {
    }

    /** The body of new prices. */
    public record PricesRequest(@NotEmpty @Size(max = 1000) List<@Valid @NotNull Price> prices) {
    }

    /** One product's new price: money as a decimal string in the list's currency. */
    public record Price(@NotBlank @Size(max = 64) String productId,
                        @NotNull @Pattern(regexp = "\\d{1,15}(\\.\\d{1,4})?", message = "must be a decimal string such as \"12500.00\"") String price,
                        Instant validFrom) {
    }

    private final CommandDispatcher commands;

    public PriceListEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/catalog/price-lists", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody CreateRequest body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new CreatePriceList(caller.tenant(), id, body.name(), body.currency(),
                body.taxIncluded(), Boolean.TRUE.equals(body.makeDefault())), id, "/api/catalog/price-lists/" + id);
    }

    @PutMapping(path = "/api/catalog/price-lists/{priceListId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String priceListId, @Valid @RequestBody UpdateRequest body,
                                               Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new UpdatePriceList(caller.tenant(), priceListId, body.name(),
                body.taxIncluded(), body.makeDefault()));
    }

    @PutMapping(path = "/api/catalog/price-lists/{priceListId}/prices", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> prices(@PathVariable String priceListId, @Valid @RequestBody PricesRequest body,
                                               Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new SetPrices(caller.tenant(), priceListId, body.prices().stream()
                .map(p -> new PriceLine(p.productId(), new BigDecimal(p.price()), p.validFrom())).toList()));
    }
}
