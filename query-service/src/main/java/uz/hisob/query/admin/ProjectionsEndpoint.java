package uz.hisob.query.admin;

import uz.hisob.platform.web.Blocking;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.IdempotencyKeys;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.platform.QueryIdempotency;
import uz.hisob.query.platform.ReadModelProgress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The read models' processors (audit.md, ADMIN): {@code GET /api/admin/projections}, how far each is and whether it
 * replays; {@code POST …/{name}/rebuild}, a background rebuild (see {@link Rebuilds}); and
 * {@code GET …/{name}/rebuild/stream}, its progress as server-sent events.
 */
@RestController
public class ProjectionsEndpoint {

    /** One processor's state; {@code rebuild} (added to the contract's fields) is the latest rebuild, if any. */
    public record Projection(String name, long position, long headPosition, long lag, String status, boolean replaying,
                             BigDecimal progressPct, Rebuilds.Rebuild rebuild) {
    }

    private static final Duration STREAM_TICK = Duration.ofMillis(250);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ReadModelProgress progress;
    private final Rebuilds rebuilds;
    private final QueryIdempotency idempotency;

    public ProjectionsEndpoint(ReadModelProgress progress, Rebuilds rebuilds, QueryIdempotency idempotency) {
        this.progress = progress;
        this.rebuilds = rebuilds;
        this.idempotency = idempotency;
    }

    /** Starts a rebuild: 202 with its state, {@code Location} its progress stream; 409 {@code REBUILD_RUNNING}. */
    @PostMapping("/api/admin/projections/{name}/rebuild")
    public Mono<ResponseEntity<String>> rebuild(@PathVariable String name, Caller caller, ServerWebExchange exchange) {
        String key = IdempotencyKeys.key(exchange);
        return Blocking.run(() -> {
            if (!rebuilds.knows(name)) {
                throw ApiException.notFound("Projection " + name);
            }
            return idempotency.once(202, caller.tenant(), key, exchange, Map.of("projection", name),
                    "/api/admin/projections/" + name + "/rebuild/stream", () -> {
                        Rebuilds.Rebuild r = rebuilds.start(name, caller.tenant() + "/" + caller.username());
                        return Map.of("rebuild", r);
                    });
        });
    }

    /**
     * The latest rebuild's progress: a {@code progress} event whenever it advanced, then {@code done} (with status
     * {@code DONE} or {@code FAILED}) and the end of the stream. A finished rebuild answers {@code done} at once.
     */
    @GetMapping(path = "/api/admin/projections/{name}/rebuild/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<Flux<ServerSentEvent<Rebuilds.Rebuild>>>> stream(@PathVariable String name) {
        return Mono.fromCallable(() -> {
            if (!rebuilds.knows(name)) {
                throw ApiException.notFound("Projection " + name);
            }
            long id = rebuilds.latest(name).orElseThrow(() -> ApiException.notFound("Rebuild of " + name)).id();
            // one polling loop per client, shared with the keep-alive below (which ends with it); it stops when the client goes
            Flux<ServerSentEvent<Rebuilds.Rebuild>> events = Flux.interval(Duration.ZERO, STREAM_TICK)
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(() -> rebuilds.find(id).orElseThrow()).subscribeOn(Schedulers.boundedElastic()), 1)
                    .distinctUntilChanged(r -> r.status() + ":" + r.position() + ":" + r.eventsApplied())
                    .takeUntil(r -> !r.running())
                    .map(r -> ServerSentEvent.builder(r).event(r.running() ? "progress" : "done").id(Long.toString(r.position())).build())
                    .publish().refCount(2);
            Flux<ServerSentEvent<Rebuilds.Rebuild>> keepAlive = Flux.interval(KEEP_ALIVE)
                    .map(t -> ServerSentEvent.<Rebuilds.Rebuild>builder().comment("keep-alive").build());
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(Flux.merge(events, keepAlive.takeUntilOther(events.ignoreElements().then(Mono.just(0)))));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/admin/projections")
    @uz.hisob.query.platform.ReadsFrom(uz.hisob.query.platform.ReadsFrom.ALL)
    public Mono<Page<Projection>> list(PageRequest page) {
        return Mono.fromCallable(() -> {
            long head = progress.headPosition();
            List<Projection> all = new ArrayList<>();
            for (Map.Entry<String, StreamingEventProcessor> e : progress.processors().entrySet()) {
                Projection p = describe(e.getKey(), e.getValue(), head, progress.position(e.getKey()));
                Rebuilds.Rebuild r = rebuilds.knows(p.name()) ? rebuilds.latest(p.name()).orElse(null) : null;
                if (r != null && r.running()) {
                    // the processor answering reads is current; what is being replayed is the rebuild beside it
                    p = new Projection(p.name(), p.position(), p.headPosition(), p.lag(), p.status(), true,
                            r.progressPct().min(p.progressPct()), r);
                } else {
                    p = new Projection(p.name(), p.position(), p.headPosition(), p.lag(), p.status(), p.replaying(), p.progressPct(), r);
                }
                all.add(p);
            }
            List<Projection> items = all.stream().skip(page.offset()).limit(page.size()).toList();
            return Page.of(items, page, all.size());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** {@code committed}: the position as the token store has it, for segments another instance processes. */
    static Projection describe(String name, StreamingEventProcessor processor, long head, long committed) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = Long.MAX_VALUE;
        boolean replaying = false;
        boolean error = false;
        BigDecimal progressPct = BigDecimal.valueOf(100).setScale(1);
        for (EventTrackerStatus s : segments.values()) {
            position = Math.min(position, s.getCurrentPosition().orElse(0));
            error |= s.isErrorState();
            if (s.isReplaying()) {
                replaying = true;
                OptionalLong reset = s.getResetPosition();
                long target = reset.isPresent() && reset.getAsLong() > 0 ? reset.getAsLong() : Math.max(head, 1);
                BigDecimal pct = BigDecimal.valueOf(Math.min(s.getCurrentPosition().orElse(0), target) * 100)
                        .divide(BigDecimal.valueOf(target), 1, RoundingMode.DOWN);
                progressPct = progressPct.min(pct);
            }
        }
        if (position == Long.MAX_VALUE) {
            position = Math.max(committed, 0); // processed by another instance: what it has committed
        }
        // segments held elsewhere: RUNNING as far as this instance can tell (their tokens move), else STARTING
        String status = !processor.isRunning() ? "STOPPED" : error ? "ERROR"
                : segments.isEmpty() ? (committed >= 0 ? "RUNNING" : "STARTING") : "RUNNING";
        return new Projection(name, position, head, Math.max(0, head - position), status, replaying, progressPct, null);
    }
}
