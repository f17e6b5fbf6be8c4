package uz.hisob.command.inventory.transfer;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.Quantities;
import uz.hisob.api.inventory.BookTransferArrival;
import uz.hisob.api.inventory.DispatchTransfer;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.ReceiveTransfer;
import uz.hisob.command.inventory.BodyLocation;
import uz.hisob.command.inventory.LineRequest;
import uz.hisob.command.inventory.StockLocation;
import uz.hisob.command.inventory.TransferRoutes;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.List;

/**
 * Two-step transfers (ADMIN, MANAGER, WAREHOUSE_WORKER). {@code POST /api/inventory/transfers} takes the goods from
 * the source at once, all lines or none (201 {@code IN_TRANSIT}); {@code POST …/{t}/receive} confirms at the source
 * what arrived (the rest is the transfer's loss) and adds it to the destination's stock: two commands, one per
 * location. The answer's {@code position} is the arrival's, so a read of the destination with it as
 * {@code minPosition} shows the goods. Should this node stop between the two, {@link TransferArrivals} books the
 * arrival the receipt noted.
 */
@RestController
public class InventoryTransferEndpoint {

    /** The body of a dispatch. */
    public record DispatchRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String fromLocationId,
            @NotBlank @Size(max = 64) String toLocationId,
            @NotEmpty @Size(max = 1000) List<@Valid LineRequest> lines,
            @Size(max = 4000) String note) {
    }

    /** The body of a receipt: what arrived of each product; a product left out arrived in full. */
    public record ReceiveRequest(@NotNull @Size(max = 1000) List<@Valid ReceivedLine> lines) {
    }

    /** What arrived of one product (0 .. what was sent). */
    public record ReceivedLine(@NotBlank @Size(max = 64) String productId,
                               @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long quantity) {
    }

    private final CommandDispatcher commands;
    private final CommandSender sender;
    private final TransferRoutes routes;

    public InventoryTransferEndpoint(CommandDispatcher commands, CommandSender sender, TransferRoutes routes) {
        this.commands = commands;
        this.sender = sender;
        this.routes = routes;
    }

    @PostMapping(path = "/api/inventory/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> dispatch(@Valid @RequestBody DispatchRequest body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return BodyLocation.referenced(commands.create(exchange, caller, body,
                new DispatchTransfer(caller.tenant(), body.fromLocationId(), id, body.toLocationId(),
                        body.lines().stream().map(LineRequest::line).toList()),
                id, "/api/inventory/transfers/" + id), "fromLocationId");
    }

    @PostMapping(path = "/api/inventory/transfers/{transferId}/receive", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> receive(@PathVariable String transferId, @Valid @RequestBody ReceiveRequest body,
                                                Caller caller, ServerWebExchange exchange) {
        List<Line> lines = body.lines().stream().map(l -> new Line(l.productId(), l.quantity())).toList();
        return commands.steps(exchange, caller, body, (actor, answering) -> {
            TransferRoutes.Route route = routes.find(actor.tenant(), transferId)
                    .orElseThrow(() -> ApiException.notFound("Transfer"));
            StockLocation.TransferAnswer receipt = (StockLocation.TransferAnswer) sender.send(actor,
                    new ReceiveTransfer(actor.tenant(), route.fromLocationId(), transferId, lines)).result();
            sender.send(actor, new BookTransferArrival(actor.tenant(), route.toLocationId(), transferId, route.fromLocationId(),
                    receipt.lines().stream().filter(l -> l.received() > 0).map(l -> new Line(l.productId(), l.received())).toList()),
                    answering.showing(receipt));
        });
    }
}
