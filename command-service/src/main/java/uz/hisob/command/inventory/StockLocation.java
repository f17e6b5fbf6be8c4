package uz.hisob.command.inventory;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.TenantScoped;
import uz.hisob.events.EventMetadata;
import uz.hisob.api.inventory.BookTransferArrival;
import uz.hisob.api.inventory.CountStock;
import uz.hisob.api.inventory.DispatchTransfer;
import uz.hisob.api.inventory.FulfilReservation;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.OpenLocation;
import uz.hisob.api.inventory.ReceiptLine;
import uz.hisob.api.inventory.ReceiveStock;
import uz.hisob.api.inventory.ReceiveTransfer;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.api.inventory.ReserveStock;
import uz.hisob.api.inventory.ReturnStock;
import uz.hisob.api.inventory.SetMinimums;
import uz.hisob.api.inventory.StockLocations;
import uz.hisob.api.inventory.TakeStock;
import uz.hisob.api.inventory.UpdateLocation;
import uz.hisob.api.inventory.WriteOffStock;
import uz.hisob.command.platform.CommandRules;
import uz.hisob.command.platform.RecordIds;
import uz.hisob.events.inventory.LocationOpened;
import uz.hisob.events.inventory.LocationUpdated;
import uz.hisob.events.inventory.MinimumsSet;
import uz.hisob.events.inventory.ReservationFulfilled;
import uz.hisob.events.inventory.ReservationReleased;
import uz.hisob.events.inventory.StockCounted;
import uz.hisob.events.inventory.StockLine;
import uz.hisob.events.inventory.StockReceived;
import uz.hisob.events.inventory.StockReserved;
import uz.hisob.events.inventory.StockReturned;
import uz.hisob.events.inventory.StockTaken;
import uz.hisob.events.inventory.StockWrittenOff;
import uz.hisob.events.inventory.TransferArrived;
import uz.hisob.events.inventory.TransferDispatched;
import uz.hisob.events.inventory.TransferReceived;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One warehouse or shop and the stock of every product kept there. The consistency boundary of the inventory
 * (docs/commerce.md, "Consistency boundaries"): every rule that spans products of one location is decided here, one
 * command at a time, so that
 * <ul>
 *   <li>{@code onHand} never goes below zero, nor {@code available = onHand − reserved};</li>
 *   <li>a take, a reservation, a write-off or a transfer of several lines moves every line or none;</li>
 *   <li>no two documents take the same units, however many arrive at once (the aggregate's lock on one node, the
 *   event store's unique sequence number across nodes).</li>
 * </ul>
 * A transfer spans two locations: the source takes the goods at dispatch and records what was received; the
 * destination adds what was received ({@link BookTransferArrival}, once per transfer).
 */
@Aggregate(snapshotTriggerDefinition = "stockLocationSnapshotTrigger", cache = "stockLocationCache")
@Revision("1") // of the snapshot shape: a change to the state below bumps it, and older snapshots are ignored
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class StockLocation {

    /** The most lines one command may carry. */
    static final int MAX_LINES = 1000;

    /** The record id a transfer's receipt claims, so that a second receipt is told it was received. */
    private static final String RECEIPT_OF = "transfer-receipt:";

    @AggregateIdentifier
    private String id;
    private ZoneId zone;
    // not final: Jackson restores these from a snapshot
    private Map<String, Item> items = new HashMap<>();
    private Map<String, Map<String, Long>> reservations = new HashMap<>();
    private Map<String, Transfer> transfers = new HashMap<>();

    /** A product's stock here; {@code lastMoved} the instant of its latest movement (a count must not precede it). */
    record Item(long onHand, long reserved, Instant lastMoved) {

        long available() {
            return onHand - reserved;
        }

        Item moved(long onHandDelta, long reservedDelta, Instant at) {
            return new Item(onHand + onHandDelta, reserved + reservedDelta, at == null ? lastMoved : at);
        }
    }

    /** A transfer this location dispatched that is in transit: where to, and what it sent. */
    record Transfer(String toLocationId, Map<String, Long> sent) {
    }

    /** What a dispatch answers besides id and position. */
    public record DispatchAnswer(String status) {
    }

    /** What a count answers besides id and position. */
    public record CountAnswer(List<StockCounted.Line> adjustments) {
    }

    /** What a transfer's receipt answers besides position. */
    public record TransferAnswer(String status, List<TransferReceived.Line> lines) {
    }

    protected StockLocation() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    public StockLocation(OpenLocation cmd, LocationDirectory directory) {
        if (!"WAREHOUSE".equals(cmd.kind()) && !"SHOP".equals(cmd.kind())) {
            throw CommandRefused.invalid("kind", "must be WAREHOUSE or SHOP");
        }
        String zone = cmd.timezone() == null ? "Asia/Tashkent" : cmd.timezone();
        try {
            ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw CommandRefused.invalid("timezone", "is not an IANA zone");
        }
        directory.register(cmd.tenant(), cmd.locationId(), cmd.kind());
        apply(new LocationOpened(cmd.tenant(), cmd.locationId(), cmd.name(), cmd.kind(), cmd.address(), zone));
    }

    @CommandHandler
    public void handle(UpdateLocation cmd) {
        apply(new LocationUpdated(cmd.locationId(), cmd.name(), cmd.address()));
    }

    @CommandHandler
    public void handle(ReceiveStock cmd, Clock clock, RecordIds recordIds) {
        requireLines(cmd.lines().size());
        Map<String, Long> adding = new LinkedHashMap<>();
        List<StockReceived.Line> lines = new ArrayList<>();
        for (int i = 0; i < cmd.lines().size(); i++) {
            ReceiptLine l = cmd.lines().get(i);
            String field = "lines[" + i + "]";
            CommandRules.requireQuantity(l.quantity(), 1, field + ".quantity");
            if (adding.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid(field + ".productId", "is listed twice");
            }
            if (l.unitCost() != null && l.unitCost().signum() < 0) {
                throw CommandRefused.invalid(field + ".unitCost", "must not be negative");
            }
            exact(() -> Math.addExact(item(l.productId()).onHand(), l.quantity()), field + ".quantity");
            lines.add(new StockReceived.Line(l.productId(), l.quantity(), l.unitCost(), l.unitCost() == null ? null : l.currency()));
        }
        LocalDate on = businessDate(cmd.receivedOn(), "receivedOn", clock);
        claimId(recordIds, cmd.receiptId(), "receipt");
        apply(new StockReceived(cmd.locationId(), cmd.receiptId(), List.copyOf(lines), cmd.supplier(), on, cmd.note()));
    }

    @CommandHandler
    public void handle(WriteOffStock cmd, Clock clock, RecordIds recordIds) {
        List<StockLine> lines = takeable(cmd.lines());
        LocalDate on = businessDate(cmd.writtenOffOn(), "writtenOffOn", clock);
        claimId(recordIds, cmd.writeOffId(), "write-off");
        apply(new StockWrittenOff(cmd.locationId(), cmd.writeOffId(), lines, cmd.reason(), on));
    }

    @CommandHandler
    public CountAnswer handle(CountStock cmd, Clock clock, RecordIds recordIds) {
        requireLines(cmd.lines().size());
        Instant now = clock.instant();
        Instant at = cmd.countedAt() == null ? now : cmd.countedAt();
        if (at.isAfter(now)) {
            throw CommandRefused.invalid("countedAt", "must not be in the future");
        }
        Map<String, Long> seen = new HashMap<>();
        List<StockCounted.Line> lines = new ArrayList<>();
        List<Map<String, Object>> belowReserved = new ArrayList<>();
        List<String> outdated = new ArrayList<>();
        for (int i = 0; i < cmd.lines().size(); i++) {
            Line l = cmd.lines().get(i);
            CommandRules.requireQuantity(l.quantity(), 0, "lines[" + i + "].quantity");
            if (seen.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid("lines[" + i + "].productId", "is counted twice");
            }
            Item item = item(l.productId());
            if (item.lastMoved() != null && at.isBefore(item.lastMoved())) {
                outdated.add(l.productId());
            }
            if (l.quantity() < item.reserved()) {
                belowReserved.add(shortage(l.productId(), item.reserved(), l.quantity()));
            }
            lines.add(new StockCounted.Line(l.productId(), item.onHand(), l.quantity(), l.quantity() - item.onHand()));
        }
        if (!outdated.isEmpty()) {
            throw CommandRefused.conflict("COUNT_OUTDATED", "Stock of these products moved after " + at
                    + "; count them again", Map.of("productIds", outdated));
        }
        if (!belowReserved.isEmpty()) {
            // the count is reality, but available = onHand - reserved may not go below zero: the reservations go first
            throw CommandRefused.conflict("COUNT_BELOW_RESERVED", "Fewer units were counted than are reserved; "
                    + "release or move reservations first", Map.of("shortages", belowReserved));
        }
        claimId(recordIds, cmd.countId(), "count");
        apply(new StockCounted(cmd.locationId(), cmd.countId(), at, List.copyOf(lines)));
        return new CountAnswer(lines.stream().filter(l -> l.difference() != 0).toList());
    }

    @CommandHandler
    public void handle(SetMinimums cmd) {
        requireLines(cmd.items().size());
        Map<String, Long> seen = new HashMap<>();
        List<MinimumsSet.Minimum> items = new ArrayList<>();
        for (int i = 0; i < cmd.items().size(); i++) {
            Line l = cmd.items().get(i);
            CommandRules.requireQuantity(l.quantity(), 0, "items[" + i + "].minQuantity");
            if (seen.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid("items[" + i + "].productId", "is listed twice");
            }
            items.add(new MinimumsSet.Minimum(l.productId(), l.quantity()));
        }
        apply(new MinimumsSet(cmd.locationId(), List.copyOf(items)));
    }

    @CommandHandler
    public void handle(TakeStock cmd, RecordIds recordIds) {
        List<StockLine> lines = takeable(cmd.lines());
        claimId(recordIds, cmd.takeId(), "take");
        apply(new StockTaken(cmd.locationId(), cmd.takeId(), cmd.documentKind(), cmd.documentId(), lines));
    }

    @CommandHandler
    public void handle(ReturnStock cmd, RecordIds recordIds) {
        List<StockLine> lines = addable(cmd.lines());
        claimId(recordIds, cmd.returnId(), "return");
        apply(new StockReturned(cmd.locationId(), cmd.returnId(), cmd.documentKind(), cmd.documentId(), lines));
    }

    @CommandHandler
    public void handle(ReserveStock cmd, RecordIds recordIds) {
        List<StockLine> lines = takeable(cmd.lines());
        claimId(recordIds, cmd.reservationId(), "reservation");
        apply(new StockReserved(cmd.locationId(), cmd.reservationId(), cmd.documentKind(), cmd.documentId(), lines));
    }

    @CommandHandler
    public void handle(ReleaseReservation cmd) {
        apply(new ReservationReleased(cmd.locationId(), cmd.reservationId(), openReservation(cmd.reservationId()), cmd.reason()));
    }

    @CommandHandler
    public void handle(FulfilReservation cmd) {
        apply(new ReservationFulfilled(cmd.locationId(), cmd.reservationId(), openReservation(cmd.reservationId())));
    }

    @CommandHandler
    public DispatchAnswer handle(DispatchTransfer cmd, TransferRoutes routes, Locations locations) {
        if (cmd.toLocationId().equals(TenantScoped.localId(id))) {
            throw CommandRefused.invalid("toLocationId", "must be another location than the source");
        }
        if (!locations.exists(cmd.tenant(), cmd.toLocationId())) {
            throw CommandRefused.invalid("toLocationId", "no such location");
        }
        List<StockLine> lines = takeable(cmd.lines());
        // a transfer's id is unique in the tenant: its receipt names it alone
        if (!routes.open(cmd.tenant(), cmd.transferId(), cmd.locationId(), cmd.toLocationId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A transfer with this id exists");
        }
        apply(new TransferDispatched(cmd.locationId(), cmd.transferId(), cmd.toLocationId(), lines));
        return new DispatchAnswer("IN_TRANSIT");
    }

    @CommandHandler
    public TransferAnswer handle(ReceiveTransfer cmd, RecordIds recordIds, TransferRoutes routes,
                                 @MetaDataValue(EventMetadata.USER) String user) {
        Transfer transfer = transfers.get(cmd.transferId());
        if (transfer == null) {
            // only transfers in transit are kept; a received one left its receipt's id claimed (a refusal claims nothing)
            if (!recordIds.claim(id, RECEIPT_OF + cmd.transferId())) {
                throw CommandRefused.conflict("ALREADY_RECEIVED", "This transfer was received already");
            }
            throw CommandRefused.notFound("Transfer not found");
        }
        if (cmd.lines().size() > MAX_LINES) {
            throw CommandRefused.invalid("lines", "must hold at most " + MAX_LINES + " lines");
        }
        Map<String, Long> received = new HashMap<>();
        for (int i = 0; i < cmd.lines().size(); i++) {
            Line l = cmd.lines().get(i);
            String field = "lines[" + i + "]";
            Long sent = transfer.sent().get(l.productId());
            if (sent == null) {
                throw CommandRefused.invalid(field + ".productId", "was not sent in this transfer");
            }
            if (l.quantity() < 0 || l.quantity() > sent) {
                throw CommandRefused.invalid(field + ".quantity", "must be between 0 and the " + sent + " sent");
            }
            if (received.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid(field + ".productId", "is listed twice");
            }
        }
        // a line left out arrived in full: the receipt lists what differs, or everything
        List<TransferReceived.Line> lines = new ArrayList<>();
        transfer.sent().forEach((productId, sent) -> {
            long got = received.getOrDefault(productId, sent);
            lines.add(new TransferReceived.Line(productId, sent, got, sent - got));
        });
        lines.sort(java.util.Comparator.comparing(TransferReceived.Line::productId));
        recordIds.claim(id, RECEIPT_OF + cmd.transferId());
        // the destination is to book what arrived: by the receipt's sender at once, else by TransferArrivals
        routes.received(cmd.tenant(), cmd.transferId(), user, lines.stream().filter(l -> l.received() > 0)
                .map(l -> new Line(l.productId(), l.received())).toList());
        apply(new TransferReceived(cmd.locationId(), cmd.transferId(), transfer.toLocationId(), List.copyOf(lines)));
        return new TransferAnswer("RECEIVED", lines);
    }

    @CommandHandler
    public void handle(BookTransferArrival cmd, RecordIds recordIds, TransferRoutes routes) {
        List<StockLine> lines = new ArrayList<>();
        for (int i = 0; i < cmd.lines().size(); i++) {
            Line l = cmd.lines().get(i);
            if (l.quantity() > 0) {
                exact(() -> Math.addExact(item(l.productId()).onHand(), l.quantity()), "lines[" + i + "].quantity");
                lines.add(new StockLine(l.productId(), l.quantity()));
            }
        }
        // once per transfer: the arrival may be asked for again (the receipt's process retries), and is then done
        if (recordIds.claim(id, "arrival:" + cmd.transferId())) {
            apply(new TransferArrived(cmd.locationId(), cmd.transferId(), cmd.fromLocationId(), List.copyOf(lines)));
        }
        routes.arrived(cmd.tenant(), cmd.transferId());
    }

    // ---------------------------------------------------------------- rules

    /**
     * The lines of a take (a sale, a reservation, a write-off, a transfer): each product once, each quantity within
     * what is available; otherwise refused, listing every shortage.
     */
    private List<StockLine> takeable(List<Line> given) {
        requireLines(given.size());
        Map<String, Long> seen = new HashMap<>();
        List<StockLine> lines = new ArrayList<>();
        List<Map<String, Object>> shortages = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Line l = given.get(i);
            CommandRules.requireQuantity(l.quantity(), 1, "lines[" + i + "].quantity");
            if (seen.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid("lines[" + i + "].productId", "is listed twice");
            }
            long available = item(l.productId()).available();
            if (available < l.quantity()) {
                shortages.add(shortage(l.productId(), l.quantity(), available));
            }
            lines.add(new StockLine(l.productId(), l.quantity()));
        }
        if (!shortages.isEmpty()) {
            throw CommandRefused.conflict("INSUFFICIENT_STOCK", "Not enough stock", Map.of("shortages", shortages));
        }
        return List.copyOf(lines);
    }

    /** The lines of an addition (a return): each product once, no stock beyond 2^63−1. */
    private List<StockLine> addable(List<Line> given) {
        requireLines(given.size());
        Map<String, Long> seen = new HashMap<>();
        List<StockLine> lines = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Line l = given.get(i);
            String field = "lines[" + i + "]";
            CommandRules.requireQuantity(l.quantity(), 1, field + ".quantity");
            if (seen.put(l.productId(), l.quantity()) != null) {
                throw CommandRefused.invalid(field + ".productId", "is listed twice");
            }
            exact(() -> Math.addExact(item(l.productId()).onHand(), l.quantity()), field + ".quantity");
            lines.add(new StockLine(l.productId(), l.quantity()));
        }
        return List.copyOf(lines);
    }

    private List<StockLine> openReservation(String reservationId) {
        Map<String, Long> open = reservations.get(reservationId);
        if (open == null) {
            throw CommandRefused.notFound("Reservation not found, or no longer open");
        }
        List<StockLine> lines = new ArrayList<>();
        open.forEach((productId, quantity) -> lines.add(new StockLine(productId, quantity)));
        lines.sort(java.util.Comparator.comparing(StockLine::productId));
        return List.copyOf(lines);
    }

    /** What is available of each product asked for (for the allocation of orders, read outside a command). */
    public Map<String, Long> available(java.util.Collection<String> productIds) {
        Map<String, Long> available = new HashMap<>();
        productIds.forEach(p -> available.put(p, item(p).available()));
        return available;
    }

    private Item item(String productId) {
        return items.getOrDefault(productId, new Item(0, 0, null));
    }

    private void claimId(RecordIds recordIds, String recordId, String what) {
        if (!recordIds.claim(id, recordId)) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This location already has a " + what + " with id " + recordId);
        }
    }

    private static void requireLines(int count) {
        if (count < 1 || count > MAX_LINES) {
            throw CommandRefused.invalid("lines", "must hold 1 to " + MAX_LINES + " lines");
        }
    }

    private Map<String, Object> shortage(String productId, long requested, long available) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("productId", productId);
        s.put("locationId", TenantScoped.localId(id));
        s.put("requested", requested);
        s.put("available", available);
        return s;
    }

    private static long exact(java.util.function.LongSupplier sum, String field) {
        return CommandRules.exact(sum, field, "");
    }

    private LocalDate businessDate(LocalDate given, String field, Clock clock) {
        return CommandRules.businessDate(given, field, clock, zone);
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(LocationOpened e) {
        this.id = StockLocations.aggregateId(e.tenant(), e.locationId());
        this.zone = ZoneId.of(e.timezone());
    }

    @EventSourcingHandler
    void on(StockReceived e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), l.quantity(), 0, at));
    }

    @EventSourcingHandler
    void on(StockWrittenOff e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), -l.quantity(), 0, at));
    }

    @EventSourcingHandler
    void on(StockCounted e) {
        e.lines().forEach(l -> move(l.productId(), l.difference(), 0, e.countedAt()));
    }

    @EventSourcingHandler
    void on(StockTaken e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), -l.quantity(), 0, at));
    }

    @EventSourcingHandler
    void on(StockReturned e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), l.quantity(), 0, at));
    }

    @EventSourcingHandler
    void on(StockReserved e, @Timestamp Instant at) {
        Map<String, Long> open = new HashMap<>();
        e.lines().forEach(l -> {
            move(l.productId(), 0, l.quantity(), at);
            open.put(l.productId(), l.quantity());
        });
        reservations.put(e.reservationId(), open);
    }

    @EventSourcingHandler
    void on(ReservationReleased e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), 0, -l.quantity(), at));
        reservations.remove(e.reservationId());
    }

    @EventSourcingHandler
    void on(ReservationFulfilled e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), -l.quantity(), -l.quantity(), at));
        reservations.remove(e.reservationId());
    }

    @EventSourcingHandler
    void on(TransferDispatched e, @Timestamp Instant at) {
        Map<String, Long> sent = new HashMap<>();
        e.lines().forEach(l -> {
            move(l.productId(), -l.quantity(), 0, at);
            sent.put(l.productId(), l.quantity());
        });
        transfers.put(e.transferId(), new Transfer(e.toLocationId(), sent));
    }

    @EventSourcingHandler
    void on(TransferReceived e) {
        transfers.remove(e.transferId());
    }

    @EventSourcingHandler
    void on(TransferArrived e, @Timestamp Instant at) {
        e.lines().forEach(l -> move(l.productId(), l.quantity(), 0, at));
    }

    private void move(String productId, long onHand, long reserved, Instant at) {
        items.put(productId, item(productId).moved(onHand, reserved, at));
    }
}
