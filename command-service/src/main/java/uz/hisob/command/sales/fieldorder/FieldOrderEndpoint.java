package uz.hisob.command.sales.fieldorder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.FieldIds;
import uz.hisob.command.field.Agent;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.inventory.LineRequest;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.command.sales.placeorder.OrderPlacement;
import uz.hisob.command.sales.pricing.Pricing;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/visits/{v}/orders} (commerce.md): the visit's AGENT, while the visit is in progress, orders for
 * the visit's client: channel {@code FIELD}, priced from the client's price list (the tenant's default when it has
 * none), paid by {@code INVOICE}, allocated to the warehouses like any order. Placed as every order is
 * ({@link OrderPlacement}); the 1C link sends it on (its own issue).
 */
@RestController
public class FieldOrderEndpoint {

    public record FieldOrderRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotEmpty @Size(max = 1000) List<@Valid LineRequest> lines,
            @Size(max = 4000) String note) {
    }

    private final CommandDispatcher commands;
    private final FieldAccess access;
    private final AggregateReader aggregates;
    private final OrderPlacement placement;

    public FieldOrderEndpoint(CommandDispatcher commands, FieldAccess access, AggregateReader aggregates, OrderPlacement placement) {
        this.commands = commands;
        this.access = access;
        this.aggregates = aggregates;
        this.placement = placement;
    }

    @PostMapping(path = "/api/visits/{visitId}/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> order(@PathVariable String visitId, @Valid @RequestBody FieldOrderRequest body, Caller caller,
                                              ServerWebExchange exchange) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < body.lines().size(); i++) {
            if (!seen.add(body.lines().get(i).productId())) {
                return Mono.error(ApiException.invalid("lines[" + i + "].productId", "is listed twice"));
            }
        }
        String id = Ids.orNew(body.id());
        List<Pricing.Item> items = body.lines().stream().map(l -> new Pricing.Item(l.productId(), l.quantity())).toList();
        return access.onVisit(caller, visitId, true, owner -> commands.createSteps(exchange, caller, body, id, "/api/orders/" + id,
                (actor, answering) -> {
                    Agent.VisitInProgress visit = aggregates.read("agentRepository", FieldIds.agent(actor.tenant(), owner.agentId()),
                            Agent::visitInProgress).orElse(null);
                    if (visit == null || !visit.visitId().equals(visitId)) {
                        throw new ApiException(HttpStatus.CONFLICT, "VISIT_NOT_IN_PROGRESS", "Orders are taken during the visit, after check-in");
                    }
                    String priceList = aggregates.read("clientRepository", FieldIds.client(actor.tenant(), visit.clientId()),
                            Client::priceListId).orElse(null);
                    placement.place(actor, new OrderPlacement.Request(id, "FIELD", null, visit.clientId(), visitId, priceList, null,
                            items, "INVOICE", null, body.note()), answering);
                }));
    }
}
