package uz.hisob.bench.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import uz.hisob.api.TenantScoped;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.KitchenCreated;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.platform.axon.AxonCommonConfig;
import uz.hisob.platform.axon.LedgerHash;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a long kitchen history straight into the event store, for benchmarks that need more events than the API
 * can produce in the time of a run (a month of 100 000 events, a million events to rebuild from). The rows are what
 * the command side writes: the same serializer, table layout, aggregate ids, metadata and per-tenant hash chain
 * (so {@code GET /api/ledger/verify} checks them like any other). The history is valid for the domain: stock is
 * delivered before it is served, deductions are portions × grams of the recipe, business time lies in the month.
 */
public final class HistoryWriter {

    private static final int BATCH = 2_000;
    private static final List<String> INGREDIENTS = List.of("guruch", "sabzi", "piyoz", "yog", "goshti");
    private static final List<List<RecipeLine>> RECIPES = List.of(
            List.of(new RecipeLine("guruch", 120), new RecipeLine("sabzi", 80), new RecipeLine("yog", 15), new RecipeLine("goshti", 40)),
            List.of(new RecipeLine("piyoz", 30), new RecipeLine("goshti", 60)),
            List.of(new RecipeLine("sabzi", 50), new RecipeLine("piyoz", 20), new RecipeLine("yog", 5)));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcEventStorageEngine engine;

    public HistoryWriter(DataSource events) {
        DataSource aware = new TransactionAwareDataSourceProxy(events);
        this.jdbc = new JdbcTemplate(aware);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(events));
        AxonCommonConfig axon = new AxonCommonConfig();
        Serializer serializer = axon.serializer();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(aware::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .schema(axon.eventSchema())
                .build();
    }

    /**
     * Appends a kitchen with {@code events} events in all: its creation, five ingredients, three meals, deliveries on
     * the month's first day and servings spread over the month (in the kitchen's zone), recorded now.
     *
     * @return the global index of the last event written
     */
    public long writeKitchen(String tenant, String user, String kitchenId, ZoneId zone, YearMonth month, int events) {
        String aggregate = TenantScoped.aggregateId(tenant, kitchenId);
        List<Object> payloads = new ArrayList<>();
        payloads.add(new KitchenCreated(tenant, kitchenId, "Bench kitchen " + kitchenId, zone.getId(), BigDecimal.TEN, BigDecimal.valueOf(15)));
        for (String i : INGREDIENTS) {
            payloads.add(new IngredientDefined(kitchenId, i, i, 1_000));
        }
        for (int m = 0; m < RECIPES.size(); m++) {
            payloads.add(new MealAdded(kitchenId, "meal-" + m, "Meal " + m, 1, RECIPES.get(m)));
        }
        int servings = Math.max(0, events - payloads.size() - INGREDIENTS.size());
        long perIngredient = 0;
        for (int s = 0; s < servings; s++) {
            for (RecipeLine line : RECIPES.get(s % RECIPES.size())) {
                perIngredient = Math.max(perIngredient, line.gramsPerPortion() * 3L);
            }
        }
        for (String i : INGREDIENTS) {
            payloads.add(new DeliveryBooked(kitchenId, UUID.randomUUID().toString(), i, perIngredient * (servings + 1L) + 1,
                    month.atDay(1), "Bench supplier", null));
        }
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant().plusSeconds(3_600);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().minusSeconds(3_600);
        long span = Math.max(1, end.getEpochSecond() - start.getEpochSecond());
        for (int s = 0; s < servings; s++) {
            int meal = s % RECIPES.size();
            int portions = 1 + s % 3;
            List<MealServed.Deduction> deducted = RECIPES.get(meal).stream()
                    .map(l -> new MealServed.Deduction(l.ingredientId(), l.gramsPerPortion() * portions)).toList();
            Instant servedAt = start.plusSeconds(span * s / Math.max(1, servings));
            payloads.add(new MealServed(kitchenId, UUID.randomUUID().toString(), "meal-" + meal, portions, servedAt, 1, deducted));
        }

        long last = -1;
        Instant recorded = Instant.now();
        for (int from = 0; from < payloads.size(); from += BATCH) {
            List<Object> slice = payloads.subList(from, Math.min(payloads.size(), from + BATCH));
            int firstSequence = from;
            Instant at = recorded;
            Long written = tx.execute(status -> append(tenant, user, aggregate, firstSequence, slice, at));
            last = written == null ? last : written;
        }
        return last;
    }

    private long append(String tenant, String user, String aggregate, int firstSequence, List<Object> payloads, Instant recorded) {
        // the same order as the command side: the tenant's chain head is locked before the events are inserted
        jdbc.update("INSERT INTO ledger_head (tenant, tenant_seq, hash) VALUES (?, 0, ?) ON CONFLICT (tenant) DO NOTHING",
                tenant, LedgerHash.GENESIS);
        Object[] head = jdbc.queryForObject("SELECT tenant_seq, hash FROM ledger_head WHERE tenant = ? FOR UPDATE",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, tenant);
        List<DomainEventMessage<?>> messages = new ArrayList<>(payloads.size());
        List<String> ids = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            String id = UUID.randomUUID().toString();
            String correlation = UUID.randomUUID().toString();
            MetaData meta = MetaData.from(Map.of(EventMetadata.TENANT, tenant, EventMetadata.USER, user,
                    EventMetadata.CORRELATION_ID, correlation, "traceId", correlation));
            messages.add(new GenericDomainEventMessage<>("Kitchen", aggregate, firstSequence + i, payloads.get(i), meta, id, recorded));
            ids.add(id);
        }
        engine.appendEvents(messages);

        long seq = (Long) head[0];
        String previous = (String) head[1];
        List<Object[]> chain = new ArrayList<>(payloads.size());
        List<Object[]> rows = jdbc.query("SELECT global_index, event_identifier, payload_type, payload_revision, aggregate_identifier, "
                        + "sequence_number, time_stamp, meta_data, payload FROM domain_event_entry WHERE event_identifier = ANY (?) "
                        + "ORDER BY global_index",
                (rs, i) -> new Object[] {rs.getLong(1), new LedgerHash.StoredEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9))},
                (Object) ids.toArray(new String[0]));
        long last = -1;
        for (Object[] row : rows) {
            LedgerHash.StoredEvent e = (LedgerHash.StoredEvent) row[1];
            String hash = LedgerHash.next(previous, e);
            seq++;
            chain.add(new Object[] {tenant, seq, row[0], e.eventIdentifier(), hash, previous});
            previous = hash;
            last = (Long) row[0];
        }
        jdbc.batchUpdate("INSERT INTO ledger_chain (tenant, tenant_seq, global_index, event_identifier, hash, previous_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?)", chain);
        jdbc.update("UPDATE ledger_head SET tenant_seq = ?, hash = ? WHERE tenant = ?", seq, previous, tenant);
        return last;
    }
}
