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
 * the command side writes: the same serializer, table layout, aggregate ids and metadata; the command-service's
 * sealer chains them like any other (so {@code GET /api/ledger/verify} checks them), and a write returns when it has. The history is valid for the domain: stock is
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
        awaitSealed(last);
        return last;
    }

    /** Waits until the ledger sealer has chained everything up to {@code position} (a verification judges only that). */
    private void awaitSealed(long position) {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject("SELECT sealed_upto FROM ledger_seal WHERE id = 1", Long.class) < position) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The ledger was not sealed up to " + position + " within 10 minutes");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long append(String tenant, String user, String aggregate, int firstSequence, List<Object> payloads, Instant recorded) {
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

        // the command-service's sealer chains them after the commit, as it does every command's events
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY (?)",
                Long.class, (Object) ids.toArray(new String[0]));
        return last;
    }
}
