package uz.hisob.command.platform;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.ProblemHandler;
import uz.hisob.platform.web.ProblemMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the command side's refusals read over HTTP. */
@Component
public class CommandProblems implements ProblemMapper {

    @Override
    public ApiException map(Throwable error) {
        if (error instanceof CommandRefused refused) {
            return switch (refused.kind()) {
                case CONFLICT -> new ApiException(HttpStatus.CONFLICT, refused.code(), refused.getMessage(), refused.details());
                case NOT_FOUND -> new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", refused.getMessage());
                case INVALID -> {
                    Map<String, Object> ext = new HashMap<>(refused.details());
                    ext.put("errors", List.of(new ApiException.FieldError(refused.field(), refused.getMessage())));
                    yield new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid", ext);
                }
            };
        }
        if (error instanceof AggregateNotFoundException) {
            return ApiException.notFound("Resource");
        }
        if (error instanceof AggregateStreamCreationException) {
            return new ApiException(HttpStatus.CONFLICT, "ALREADY_EXISTS", "This id is already used");
        }
        if (error instanceof ConcurrencyException) {
            return new ApiException(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                    "Another change to the same resource won; retry (with the same Idempotency-Key)");
        }
        if (error instanceof EventStoreException) {
            return ProblemHandler.unavailable();
        }
        return null;
    }
}
