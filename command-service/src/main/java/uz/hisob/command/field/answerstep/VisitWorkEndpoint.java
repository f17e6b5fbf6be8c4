package uz.hisob.command.field.answerstep;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import tools.jackson.databind.JsonNode;
import uz.hisob.api.field.AnswerVisitStep;
import uz.hisob.api.field.AttachVisitImage;
import uz.hisob.api.field.StepValue;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.List;

/**
 * Work in a visit in progress (the visit's AGENT): {@code PUT /api/visits/{v}/steps/{s}} answers a checklist step
 * (the value checked against the step's kind: 400), {@code POST /api/visits/{v}/images} adds a photo.
 */
@RestController
public class VisitWorkEndpoint {

    /** An answer: {@code value} true/false, a number, a text or an option; {@code imageIds} for a photo step. */
    public record Answer(JsonNode value, @Size(max = 20) List<@NotBlank @Size(max = 64) String> imageIds) {

        StepValue stepValue() {
            if (value == null || value.isNull()) {
                return StepValue.NONE;
            }
            if (value.isBoolean()) {
                return new StepValue("boolean", Boolean.toString(value.booleanValue()));
            }
            if (value.isNumber()) {
                return new StepValue("number", value.decimalValue().toPlainString());
            }
            if (value.isString()) {
                return new StepValue("string", value.stringValue());
            }
            throw ApiException.invalid("value", "must be true/false, a number or a text");
        }
    }

    /** A photo taken in the visit, uploaded before ({@code POST /api/projects/{p}/images}). */
    public record Photo(@NotNull @NotBlank @Size(max = 64) String imageId, @Size(max = 64) String stepId) {
    }

    private final CommandDispatcher commands;
    private final FieldAccess access;

    public VisitWorkEndpoint(CommandDispatcher commands, FieldAccess access) {
        this.commands = commands;
        this.access = access;
    }

    @PutMapping(path = "/api/visits/{visitId}/steps/{stepId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> answer(@PathVariable String visitId, @PathVariable String stepId, @Valid @RequestBody Answer body,
                                               Caller caller, ServerWebExchange exchange) {
        StepValue value = body.stepValue();
        return access.onVisit(caller, visitId, true, owner -> commands.update(exchange, caller, body,
                new AnswerVisitStep(caller.tenant(), owner.agentId(), visitId, stepId, value, body.imageIds())));
    }

    @PostMapping(path = "/api/visits/{visitId}/images", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> photo(@PathVariable String visitId, @Valid @RequestBody Photo body, Caller caller,
                                              ServerWebExchange exchange) {
        return access.onVisit(caller, visitId, true, owner -> commands.create(exchange, caller, body,
                new AttachVisitImage(caller.tenant(), owner.agentId(), visitId, body.imageId(), body.stepId()), body.imageId(),
                "/api/images/" + body.imageId()));
    }
}
