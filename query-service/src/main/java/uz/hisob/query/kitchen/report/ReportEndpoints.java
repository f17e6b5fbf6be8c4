package uz.hisob.query.kitchen.report;

import uz.hisob.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.platform.QueryIdempotency;
import uz.hisob.platform.web.IdempotencyKeys;
import org.springframework.web.server.ServerWebExchange;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The monthly misuse report (ADMIN, MANAGER, AUDITOR): {@code GET} answers the latest or a given version (computed on
 * first request); {@code POST …/recompute} replays the kitchen's events into a new version and answers its diff.
 */
@RestController
public class ReportEndpoints {

    /** What-if options of a recomputation. */
    public record Recompute(Instant asKnownAt,
                            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal warningThresholdPct,
                            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal misuseThresholdPct) {
    }

    private final MonthlyReports reports;
    private final QueryIdempotency idempotency;
    private final Clock clock;

    public ReportEndpoints(MonthlyReports reports, QueryIdempotency idempotency, Clock clock) {
        this.reports = reports;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @GetMapping(path = "/api/kitchens/{kitchenId}/reports/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> get(@PathVariable String kitchenId, @PathVariable String month,
                            @RequestParam(required = false) Integer version, Caller caller) {
        YearMonth m = month(month);
        if (version != null && version < 1) {
            throw ApiException.invalid("version", "must be 1 or more");
        }
        return Blocking.run(() -> reports.find(caller.tenant(), kitchenId, m, version)
                        .map(MonthlyReports.Stored::body)
                        .orElseGet(() -> {
                            if (version != null) {
                                throw ApiException.notFound("Report version");
                            }
                            Map<String, Object> first = reports.compute(caller.tenant(), kitchenId, m, clock.instant(), null, null);
                            return reports.find(caller.tenant(), kitchenId, m, (Integer) first.get("version")).orElseThrow().body();
                        }));
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/reports/{month}/recompute", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> recompute(@PathVariable String kitchenId, @PathVariable String month,
                                                  @Valid @RequestBody Recompute body, Caller caller, ServerWebExchange exchange) {
        YearMonth m = month(month);
        Instant now = clock.instant();
        Instant asKnownAt = body.asKnownAt() == null ? now : body.asKnownAt();
        if (asKnownAt.isAfter(now)) {
            throw ApiException.invalid("asKnownAt", "must not be in the future");
        }
        String key = IdempotencyKeys.key(exchange);
        return Blocking.run(() -> idempotency.once(caller.tenant(), key, exchange, body,
                        "/api/kitchens/" + kitchenId + "/reports/" + m + "?version={version}",
                        () -> reports.compute(caller.tenant(), kitchenId, m, asKnownAt, body.warningThresholdPct(), body.misuseThresholdPct())));
    }

    private YearMonth month(String month) {
        try {
            YearMonth m = YearMonth.parse(month);
            if (m.isAfter(YearMonth.now(clock).plusMonths(1))) {
                throw ApiException.invalid("month", "lies in the future");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("month", "must be yyyy-MM");
        }
    }
}
