package uz.hisob.query.kitchen.read;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.kitchen.projection.KitchenProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/kitchens/{k}/stream}: server-sent events {@code stock}, {@code capacity} and {@code alert} as the
 * kitchen projection writes them to its change feed (in the same transaction as the read model). Each event's id is
 * its place in the feed, so a client reconnecting with {@code Last-Event-ID} gets exactly what it missed. The feed is
 * read from PostgreSQL, so it works the same whichever instance projected the change.
 */
@RestController
@ReadsFrom(KitchenProjection.NAME)
public class KitchenStream {

    private final DatabaseClient db;
    private final KitchenReads reads;
    private final Duration poll;
    private final Duration keepAlive;

    public KitchenStream(DatabaseClient db, KitchenReads reads,
                         @Value("${hisob.stream.poll-interval:PT0.2S}") Duration poll,
                         @Value("${hisob.stream.keep-alive:PT15S}") Duration keepAlive) {
        this.db = db;
        this.reads = reads;
        this.poll = poll;
        this.keepAlive = keepAlive;
    }

    /** One change as it leaves the feed. */
    private record Change(long seq, String kind, String data) {
    }

    @GetMapping(path = "/api/kitchens/{kitchenId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@PathVariable String kitchenId, Caller caller,
                                                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long resumeAfter = parse(lastEventId);
        return reads.kitchen(kitchenId, caller)
                .then(resumeAfter != null ? Mono.just(resumeAfter) : head(caller.tenant(), kitchenId))
                .flatMapMany(start -> {
                    AtomicLong last = new AtomicLong(start);
                    Flux<ServerSentEvent<String>> changes = Flux.interval(Duration.ZERO, poll)
                            .onBackpressureDrop()
                            .concatMap(tick -> after(caller.tenant(), kitchenId, last.get()), 1)
                            .doOnNext(c -> last.set(c.seq()))
                            .map(c -> ServerSentEvent.builder(c.data()).id(Long.toString(c.seq())).event(c.kind()).build());
                    Flux<ServerSentEvent<String>> heartbeats = Flux.interval(keepAlive)
                            .map(t -> ServerSentEvent.<String>builder().comment("keep-alive").build());
                    // a first comment tells the client the stream is open (and flushes the headers)
                    return Flux.concat(Flux.just(ServerSentEvent.<String>builder().comment("open").build()),
                            Flux.merge(changes, heartbeats));
                });
    }

    private Mono<Long> head(String tenant, String kitchen) {
        return db.sql("SELECT COALESCE(max(seq), 0) FROM kitchen_change WHERE tenant = :tenant AND kitchen_id = :kitchen")
                .bind("tenant", tenant).bind("kitchen", kitchen).map(row -> row.get(0, Long.class)).one();
    }

    private Flux<Change> after(String tenant, String kitchen, long seq) {
        return db.sql("SELECT seq, kind, data FROM kitchen_change WHERE tenant = :tenant AND kitchen_id = :kitchen AND seq > :seq "
                        + "ORDER BY seq LIMIT 500")
                .bind("tenant", tenant).bind("kitchen", kitchen).bind("seq", seq)
                .map(row -> new Change(row.get("seq", Long.class), row.get("kind", String.class), row.get("data", String.class)))
                .all();
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Last-Event-ID", "must be the id of an event this stream sent");
        }
    }

    /** The feed is for live clients; a day is far longer than any reconnect. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldChanges() {
        db.sql("DELETE FROM kitchen_change WHERE created_at < now() - interval '1 day'").fetch().rowsUpdated().block();
    }
}
