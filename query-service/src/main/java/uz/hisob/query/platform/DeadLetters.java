package uz.hisob.query.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.web.ApiException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models' dead letters (audit.md): what each processor's queue holds, listed without payloads; a retry of a
 * letter's sequence through its processor; an eviction, remembered as {@code EVICTED}; the count per projection as
 * the metric {@code hisob.dead.letters}. Axon writes and processes the queue; the listing reads the table itself
 * (Axon 4.13's paging over many sequences is unreliable, AxonFramework #4544).
 */
@Component
public class DeadLetters {

    static final String TABLE = "dead_letter_entry";
    private static final String ATTEMPTS = "attempts";
    private static final int MAX_ERROR = 1000;

    /** One letter as the operator sees it. */
    public record Letter(String id, String projection, String aggregateId, Long position, String eventType, String error,
                         Instant firstFailedAt, int attempts, String status) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate events;
    private final TransactionTemplate tx;
    private final EventProcessingConfiguration processing;
    private final ReadModelProgress progress;
    private final MeterRegistry meters;
    private final JsonMapper json;

    public DeadLetters(JdbcTemplate jdbc, @Qualifier("eventsJdbcTemplate") JdbcTemplate events,
                       PlatformTransactionManager transactions, EventProcessingConfiguration processing,
                       ReadModelProgress progress, MeterRegistry meters, JsonMapper json) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.processing = processing;
        this.progress = progress;
        this.meters = meters;
        this.json = json;
    }

    /**
     * Every failure is parked (a read model never skips an event on its own), with a cause an operator can read:
     * the innermost message, without control characters, at most 1000 characters; each failed try counts.
     */
    static EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = String.valueOf(innermost.getMessage()).replaceAll("\\p{Cc}", " ").strip();
        if (message.length() > MAX_ERROR) {
            message = message.substring(0, MAX_ERROR) + "…";
        }
        int attempts = attempts(letter.diagnostics().get(ATTEMPTS)) + 1;
        return Decisions.enqueue(new ThrowableCause(innermost.getClass().getSimpleName(), message),
                l -> l.diagnostics().and(ATTEMPTS, attempts));
    }

    private static int attempts(Object stored) {
        return stored instanceof Number n ? n.intValue() : stored instanceof String s && s.matches("\\d+") ? Integer.parseInt(s) : 0;
    }

    /** A page of the letters: parked ones (oldest first), then evicted ones (newest eviction first). */
    public List<Letter> list(long offset, int limit) {
        List<Letter> page = new ArrayList<>(withPositions(jdbc.query("SELECT dead_letter_id, processing_group, sequence_identifier, event_identifier, "
                        + "payload_type, cause_message, enqueued_at, diagnostics FROM " + TABLE
                        + " ORDER BY enqueued_at, processing_group, sequence_identifier, sequence_index OFFSET ? LIMIT ?",
                this::parked, offset, limit)));
        long parked = parkedCount();
        if (page.size() < limit) {
            long evictedOffset = Math.max(0, offset - parked);
            page.addAll(jdbc.query("SELECT * FROM dead_letter_evicted ORDER BY evicted_at DESC, dead_letter_id OFFSET ? LIMIT ?",
                    this::evicted,
                    evictedOffset, limit - page.size()));
        }
        return page;
    }

    public long total() {
        return parkedCount() + Optional.ofNullable(jdbc.queryForObject("SELECT count(*) FROM dead_letter_evicted", Long.class)).orElse(0L);
    }

    private long parkedCount() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT count(*) FROM " + TABLE, Long.class)).orElse(0L);
    }

    public Optional<Letter> find(String id) {
        List<Parked> parked = jdbc.query("SELECT dead_letter_id, processing_group, sequence_identifier, event_identifier, payload_type, "
                + "cause_message, enqueued_at, diagnostics FROM " + TABLE + " WHERE dead_letter_id = ?", this::parked, id);
        if (!parked.isEmpty()) {
            return Optional.of(withPositions(parked).getFirst());
        }
        return jdbc.query("SELECT * FROM dead_letter_evicted WHERE dead_letter_id = ?",
                this::evicted, id).stream().findFirst();
    }

    /**
     * Applies the letter's sequence again through its processor's handlers, from its first letter on, stopping at the
     * first that still fails (which stays parked, one more attempt counted). Answers the letter as it is now: gone from
     * the queue ({@code APPLIED}) or still {@code PARKED}.
     */
    public Letter retry(String id) {
        Letter letter = find(id).orElseThrow(() -> ApiException.notFound("Dead letter"));
        if ("EVICTED".equals(letter.status())) {
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "DEAD_LETTER_EVICTED",
                    "This dead letter was evicted; its event will not be applied");
        }
        String sequence = letter.aggregateId(); // the queue's sequence is the aggregate
        processing.sequencedDeadLetterProcessor(letter.projection())
                .orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.CONFLICT, "PROJECTION_NOT_RUNNING",
                        "The projection " + letter.projection() + " is not running on this instance"))
                .process(l -> l instanceof JdbcDeadLetter<?> j && sequence.equals(j.getSequenceIdentifier()));
        return find(id).map(l -> l).orElseGet(() -> new Letter(letter.id(), letter.projection(), letter.aggregateId(),
                letter.position(), letter.eventType(), letter.error(), letter.firstFailedAt(), letter.attempts(), "APPLIED"));
    }

    /** Gives the letter up: its event will never be applied by that projection. Kept in the list as {@code EVICTED}. */
    @SuppressWarnings("unchecked")
    public Letter evict(String id, String by) {
        Letter letter = find(id).orElseThrow(() -> ApiException.notFound("Dead letter"));
        if ("EVICTED".equals(letter.status())) {
            return letter;
        }
        String sequence = letter.aggregateId(); // the queue's sequence is the aggregate
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(letter.projection())
                .orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.CONFLICT, "PROJECTION_NOT_RUNNING",
                        "The projection " + letter.projection() + " is not running on this instance"));
        return tx.execute(status -> {
            for (DeadLetter<? extends EventMessage<?>> l : queue.deadLetterSequence(sequence)) {
                if (l instanceof JdbcDeadLetter<?> j && id.equals(j.getIdentifier())) {
                    queue.evict((DeadLetter<? extends EventMessage<?>>) l);
                    jdbc.update("INSERT INTO dead_letter_evicted (dead_letter_id, processing_group, aggregate_id, position, event_type, "
                                    + "error, first_failed_at, attempts, evicted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            letter.id(), letter.projection(), letter.aggregateId(), letter.position(), letter.eventType(), letter.error(),
                            java.sql.Timestamp.from(letter.firstFailedAt()), letter.attempts(), by);
                    return new Letter(letter.id(), letter.projection(), letter.aggregateId(), letter.position(), letter.eventType(),
                            letter.error(), letter.firstFailedAt(), letter.attempts(), "EVICTED");
                }
            }
            // applied or evicted meanwhile: answer as it is now
            return find(id).orElseThrow(() -> ApiException.notFound("Dead letter"));
        });
    }

    /** A parked letter as read from the queue's table, before its position is looked up by its event's id. */
    private record Parked(String eventId, Letter letter) {
    }

    private Parked parked(ResultSet rs, int i) throws SQLException {
        String type = rs.getString("payload_type");
        byte[] diagnostics = rs.getBytes("diagnostics");
        int attempts = 1;
        if (diagnostics != null) {
            JsonNode stored = json.readTree(diagnostics).get(ATTEMPTS);
            attempts = Math.max(1, attempts(stored == null ? null : stored.isNumber() ? stored.intValue() : stored.asString()));
        }
        return new Parked(rs.getString("event_identifier"), new Letter(rs.getString("dead_letter_id"), rs.getString("processing_group"),
                rs.getString("sequence_identifier"), null, type == null ? null : type.substring(type.lastIndexOf('.') + 1),
                rs.getString("cause_message"), Instant.parse(rs.getString("enqueued_at")), attempts, "PARKED"));
    }

    /** The letters with each one's global position, from the event store. */
    private List<Letter> withPositions(List<Parked> parked) {
        Map<String, Long> positions = new HashMap<>();
        if (!parked.isEmpty()) {
            events.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY (?)",
                    rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                    }, (Object) parked.stream().map(Parked::eventId).toArray(String[]::new));
        }
        return parked.stream().map(p -> {
            Letter l = p.letter();
            return new Letter(l.id(), l.projection(), l.aggregateId(), positions.get(p.eventId()), l.eventType(), l.error(),
                    l.firstFailedAt(), l.attempts(), l.status());
        }).toList();
    }

    private Letter evicted(ResultSet rs, int i) throws SQLException {
        return new Letter(rs.getString("dead_letter_id"), rs.getString("processing_group"), rs.getString("aggregate_id"),
                (Long) rs.getObject("position"), rs.getString("event_type"), rs.getString("error"),
                rs.getTimestamp("first_failed_at").toInstant(), rs.getInt("attempts"), "EVICTED");
    }

    /** The metric, once the processors are configured. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    public void registerMetric() {
        for (String name : progress.processors().keySet()) {
            Gauge.builder("hisob.dead.letters", jdbc, j -> Optional.ofNullable(
                            j.queryForObject("SELECT count(*) FROM " + TABLE + " WHERE processing_group = ?", Long.class, name)).orElse(0L))
                    .tag("projection", name)
                    .description("Events parked as dead letters by the projection (with the later events of their aggregates)")
                    .register(meters);
        }
    }
}
