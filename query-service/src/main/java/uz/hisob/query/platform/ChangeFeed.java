package uz.hisob.query.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live streams of server-sent events from a context's change feed: a table {@code (seq, tenant, <key>, kind, data)}
 * that its projection writes in the transaction of its read model. Each event's id is its place in the feed, so a
 * client reconnecting with {@code Last-Event-ID} gets exactly what it missed; the feed is read from PostgreSQL, so a
 * stream works the same whichever instance projected the change.
 */
@Component
public class ChangeFeed {

    private final DatabaseClient db;
    private final Duration poll;
    private final Duration keepAlive;

    public ChangeFeed(DatabaseClient db, @Value("${hisob.stream.poll-interval:PT0.2S}") Duration poll,
                      @Value("${hisob.stream.keep-alive:PT15S}") Duration keepAlive) {
        this.db = db;
        this.poll = poll;
        this.keepAlive = keepAlive;
    }

    /** One change as it leaves the feed. */
    private record Change(long seq, String kind, String data) {
    }

    /**
     * The changes of {@code table} for the tenant's {@code key} (in {@code keyColumn}) after {@code lastEventId}, or
     * from now on; {@code table} and {@code keyColumn} are the context's constants, never a client's text.
     */
    public Flux<ServerSentEvent<String>> stream(String table, String keyColumn, String tenant, String key, String lastEventId) {
        Long resumeAfter = parse(lastEventId);
        return (resumeAfter != null ? Mono.just(resumeAfter) : head(table, keyColumn, tenant, key))
                .flatMapMany(start -> {
                    AtomicLong last = new AtomicLong(start);
                    Flux<ServerSentEvent<String>> changes = Flux.interval(Duration.ZERO, poll)
                            .onBackpressureDrop()
                            .concatMap(tick -> after(table, keyColumn, tenant, key, last.get()), 1)
                            .doOnNext(c -> last.set(c.seq()))
                            .map(c -> ServerSentEvent.builder(c.data()).id(Long.toString(c.seq())).event(c.kind()).build());
                    Flux<ServerSentEvent<String>> heartbeats = Flux.interval(keepAlive)
                            .map(t -> ServerSentEvent.<String>builder().comment("keep-alive").build());
                    // a first comment tells the client the stream is open (and flushes the headers)
                    return Flux.concat(Flux.just(ServerSentEvent.<String>builder().comment("open").build()),
                            Flux.merge(changes, heartbeats));
                });
    }

    /** Rejects a malformed {@code Last-Event-ID} before anything else is done. */
    public static void check(String lastEventId) {
        parse(lastEventId);
    }

    private Mono<Long> head(String table, String keyColumn, String tenant, String key) {
        return db.sql("SELECT COALESCE(max(seq), 0) FROM " + table + " WHERE tenant = :tenant AND " + keyColumn + " = :key")
                .bind("tenant", tenant).bind("key", key).map(row -> row.get(0, Long.class)).one();
    }

    private Flux<Change> after(String table, String keyColumn, String tenant, String key, long seq) {
        return db.sql("SELECT seq, kind, data FROM " + table + " WHERE tenant = :tenant AND " + keyColumn + " = :key AND seq > :seq "
                        + "ORDER BY seq LIMIT 500")
                .bind("tenant", tenant).bind("key", key).bind("seq", seq)
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

    /** A feed is for live clients; a day is far longer than any reconnect. */
    public void forgetOlderThanADay(String table) {
        db.sql("DELETE FROM " + table + " WHERE created_at < now() - interval '1 day'").fetch().rowsUpdated().block();
    }
}
