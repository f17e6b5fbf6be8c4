package uz.hisob.command.catalog.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.catalog.ArchiveProduct;
import uz.hisob.api.catalog.AttachProductImage;
import uz.hisob.api.catalog.CreateProduct;
import uz.hisob.api.catalog.RestoreProduct;
import uz.hisob.api.catalog.UpdateProduct;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.events.catalog.ProductDetails;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Products of the catalogue (ADMIN, MANAGER): {@code POST /api/catalog/products} → 201, {@code PUT …/{id}} (the
 * product as it is to be; its unit never changes), {@code DELETE …/{id}} archives it (hidden, not sold, history
 * kept), {@code POST …/{id}/restore}. SKU and each barcode are unique in the tenant (409 {@code ALREADY_EXISTS}
 * naming the product that has it).
 */
@RestController
public class ProductEndpoint {

    /** A product as it is to be; {@code id} only on creation (on an update it may only repeat the path's). */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 64) String sku,
                          @NotBlank @Size(max = 200) String name,
                          @Size(max = 4000) String description,
                          @Size(max = 64) String categoryId,
                          @NotBlank @Size(max = 8) String unit,
                          @Size(max = 20) List<@NotNull @Pattern(regexp = "[\\x21-\\x7E]{1,64}",
                                  message = "must be 1 to 64 printable ASCII characters without spaces") String> barcodes,
                          BigDecimal taxRatePct,
                          @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1000) String> attributes,
                          @Size(max = 64) String onecCode) {

        ProductDetails details() {
            return new ProductDetails(sku, name, description, categoryId, unit, barcodes, taxRatePct, attributes, onecCode);
        }
    }

    private final CommandDispatcher commands;

    public ProductEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/catalog/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new CreateProduct(caller.tenant(), id, body.details()),
                id, "/api/catalog/products/" + id);
    }

    @PutMapping(path = "/api/catalog/products/{productId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String productId, @Valid @RequestBody Request body,
                                               Caller caller, ServerWebExchange exchange) {
        if (body.id() != null && !body.id().equals(productId)) {
            return Mono.error(ApiException.invalid("id", "must be the product's id in the path, or absent"));
        }
        return commands.update(exchange, caller, body, new UpdateProduct(caller.tenant(), productId, body.details()));
    }

    @DeleteMapping("/api/catalog/products/{productId}")
    public Mono<ResponseEntity<String>> archive(@PathVariable String productId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("archive", productId), new ArchiveProduct(caller.tenant(), productId));
    }

    /** The body of {@code POST …/{id}/images}. */
    public record ImageRequest(@jakarta.validation.constraints.NotBlank @Size(max = 64) String imageId) {
    }

    /** Shows an uploaded image ({@code POST /api/catalog/images}) with the product: 201; an unknown image is 400. */
    @PostMapping(path = "/api/catalog/products/{productId}/images", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> image(@PathVariable String productId, @Valid @RequestBody ImageRequest body, Caller caller,
                                              ServerWebExchange exchange) {
        return commands.create(exchange, caller, body, new AttachProductImage(caller.tenant(), productId, body.imageId()),
                body.imageId(), "/api/images/" + body.imageId());
    }

    @PostMapping("/api/catalog/products/{productId}/restore")
    public Mono<ResponseEntity<String>> restore(@PathVariable String productId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("restore", productId), new RestoreProduct(caller.tenant(), productId));
    }
}
