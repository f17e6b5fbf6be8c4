package uz.hisob.command.inventory;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

/**
 * A location named in a request body rather than in its path: one that does not exist (or is another tenant's) is an
 * unknown referenced id, 400 on {@code locationId} (common.md), not a 404 of the endpoint.
 */
public final class BodyLocation {

    private BodyLocation() {
    }

    public static Mono<ResponseEntity<String>> referenced(Mono<ResponseEntity<String>> answer) {
        return referenced(answer, "locationId");
    }

    /** As {@link #referenced(Mono)}, for a location in the body's {@code field}. */
    public static Mono<ResponseEntity<String>> referenced(Mono<ResponseEntity<String>> answer, String field) {
        return answer.onErrorMap(AggregateNotFoundException.class, e -> ApiException.invalid(field, "no such location"));
    }
}
