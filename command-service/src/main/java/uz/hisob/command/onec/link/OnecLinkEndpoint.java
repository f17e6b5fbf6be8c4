package uz.hisob.command.onec.link;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.RemoveOnecLink;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.util.Map;

/**
 * A project's link to 1C is made and changed with the project ({@code onec} of {@code POST|PUT /api/projects}) and
 * removed here (ADMIN): {@code DELETE /api/projects/{p}/onec} → 200; its stored passwords are erased.
 */
@RestController
public class OnecLinkEndpoint {

    private final CommandDispatcher commands;

    public OnecLinkEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @DeleteMapping(path = "/api/projects/{projectId}/onec")
    public Mono<ResponseEntity<String>> unlink(@PathVariable String projectId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("unlink", projectId), new RemoveOnecLink(caller.tenant(), projectId));
    }
}
