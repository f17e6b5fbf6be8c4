package uz.hisob.command.catalog.category;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import uz.hisob.api.catalog.CreateCategory;
import uz.hisob.api.catalog.DeleteCategory;
import uz.hisob.api.catalog.UpdateCategory;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.util.Map;

/**
 * Categories of the catalogue (ADMIN, MANAGER): {@code POST /api/catalog/categories}, {@code PUT …/{c}} (rename or
 * move; never under itself), {@code DELETE …/{c}} (409 {@code CATEGORY_NOT_EMPTY} while it holds products or
 * categories).
 */
@RestController
public class CategoryEndpoint {

    /** The body of a creation. */
    public record CreateRequest(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @NotBlank @Size(max = 200) String name,
                                @Size(max = 64) String parentId) {
    }

    /** The body of an update: the category as it is to be. */
    public record UpdateRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String parentId) {
    }

    private final CommandDispatcher commands;

    public CategoryEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/catalog/categories", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody CreateRequest body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new CreateCategory(caller.tenant(), id, body.name(), body.parentId()),
                id, "/api/catalog/categories/" + id);
    }

    @PutMapping(path = "/api/catalog/categories/{categoryId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String categoryId, @Valid @RequestBody UpdateRequest body,
                                               Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new UpdateCategory(caller.tenant(), categoryId, body.name(), body.parentId()));
    }

    @DeleteMapping("/api/catalog/categories/{categoryId}")
    public Mono<ResponseEntity<String>> delete(@PathVariable String categoryId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("delete", categoryId), new DeleteCategory(caller.tenant(), categoryId));
    }
}
