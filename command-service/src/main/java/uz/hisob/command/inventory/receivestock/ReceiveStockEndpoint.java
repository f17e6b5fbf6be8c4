package uz.hisob.command.inventory.receivestock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.Quantities;
import uz.hisob.api.inventory.ReceiptLine;
import uz.hisob.api.inventory.ReceiveStock;
import uz.hisob.command.inventory.BodyLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /api/inventory/receipts} (ADMIN, MANAGER, WAREHOUSE_WORKER): goods received at a location.
 * {@code unitCost} is money (a decimal string of at most two decimals, common.md) in {@code currency} (UZS when not
 * given), per unit of the product.
 */
@RestController
public class ReceiveStockEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String locationId,
            @NotEmpty @Size(max = 1000) List<@Valid Line> lines,
            @Size(max = 200) String supplier,
            LocalDate receivedOn,
            @Size(max = 4000) String note,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }

    /** One received product. */
    public record Line(@NotBlank @Size(max = 64) String productId,
                       @NotNull @Min(1) @Max(Quantities.MAX_PER_COMMAND) Long quantity,
                       @Pattern(regexp = "\\d{1,15}(\\.\\d{1,2})?", message = "must be a decimal string such as \"3500.00\"") String unitCost) {
    }

    private final CommandDispatcher commands;

    public ReceiveStockEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/inventory/receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> receive(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        String currency = body.currency() == null ? "UZS" : body.currency();
        List<ReceiptLine> lines = body.lines().stream().map(l -> new ReceiptLine(l.productId(), l.quantity(),
                l.unitCost() == null ? null : new BigDecimal(l.unitCost()).setScale(2), currency)).toList();
        return BodyLocation.referenced(commands.create(exchange, caller, body,
                new ReceiveStock(caller.tenant(), body.locationId(), id, lines, body.supplier(), body.receivedOn(), body.note()),
                id, "/api/inventory/receipts/" + id));
    }
}
