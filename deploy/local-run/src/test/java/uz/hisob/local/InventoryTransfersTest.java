package uz.hisob.local;

import org.junit.jupiter.api.Test;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.ReceiveTransfer;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.errorsOf;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Two-step transfers over HTTP (commerce.md, "Stock"): taken from the source at dispatch, all lines or none; at the
 * receipt what arrived is added to the destination and what did not is the transfer's loss; the refusals and roles;
 * and the sweep that books an arrival whose second step did not happen.
 */
class InventoryTransfersTest extends SystemTestSupport {

    static String location(String kind) {
        String id = uniqueId(kind.toLowerCase());
        post("manager", "/api/inventory/locations", Map.of("id", id, "name", "Joy " + id, "kind", kind), 201);
        return id;
    }

    static Map<?, ?> stockOf(String user, String location, String product, long minPosition) {
        List<?> items = (List<?>) read(user, "/api/inventory/stock?locationId=" + location + "&productId=" + product
                + "&minPosition=" + minPosition, 200).get("items");
        return items.isEmpty() ? Map.of() : (Map<?, ?>) items.getFirst();
    }

    static long position(Map<?, ?> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    @Test
    void aTransferLeavesTheSourceAtDispatchAndArrivesLessItsLoss() {
        String from = location("WAREHOUSE");
        String to = location("SHOP");
        post("keeper", "/api/inventory/receipts", Map.of("locationId", from, "lines", List.of(line("non", 10), line("choy", 4))), 201);
        String id = uniqueId("tr");
        Map<?, ?> dispatched = post("keeper", "/api/inventory/transfers", Map.of("id", id, "fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("non", 6), line("choy", 2))), 201);
        assertThat(dispatched.get("id")).isEqualTo(id);
        assertThat(dispatched.get("status")).isEqualTo("IN_TRANSIT");
        // in transit: gone from the source, not yet at the destination
        assertThat(stockOf("keeper", from, "non", position(dispatched)).get("onHand")).isEqualTo(4);
        assertThat(stockOf("keeper", to, "non", position(dispatched))).isEmpty();

        // five of the six loaves arrived; the tea, left out, arrived in full
        Map<?, ?> received = post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of(line("non", 5))), 200);
        assertThat(received.get("status")).isEqualTo("RECEIVED");
        assertThat(received.get("lines")).isEqualTo(List.of(
                Map.of("productId", "choy", "sent", 2, "received", 2, "lost", 0),
                Map.of("productId", "non", "sent", 6, "received", 5, "lost", 1)));
        // the answer's position is the arrival's: the destination shows it at once
        assertThat(stockOf("keeper", to, "non", position(received)).get("onHand")).isEqualTo(5);
        assertThat(stockOf("keeper", to, "choy", position(received)).get("available")).isEqualTo(2);
        assertThat(stockOf("keeper", from, "non", position(received)).get("onHand")).isEqualTo(4);

        // the ledger of both locations, each movement with the transfer as its document
        List<?> out = (List<?>) read("auditor", "/api/inventory/movements?locationId=" + from + "&productId=non", 200).get("items");
        assertThat(out.stream().map(m -> ((Map<?, ?>) m).get("kind") + ":" + ((Map<?, ?>) m).get("quantity") + ":"
                + ((Map<?, ?>) m).get("onHandDelta")).toList()).isEqualTo(List.of("LOSS:1:0", "TRANSFER_OUT:6:-6", "RECEIPT:10:10"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) out.getFirst()).get("document")).get("id")).isEqualTo(id);
        List<?> in = (List<?>) read("auditor", "/api/inventory/movements?locationId=" + to + "&kind=TRANSFER_IN", 200).get("items");
        assertThat(in.stream().map(m -> ((Map<?, ?>) m).get("productId") + ":" + ((Map<?, ?>) m).get("onHandDelta")).sorted().toList())
                .isEqualTo(List.of("choy:2", "non:5"));

        // received once
        assertThat(post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of()), 409).get("code"))
                .isEqualTo("ALREADY_RECEIVED");
    }

    @Test
    void refusalsAndRoles() {
        String from = location("WAREHOUSE");
        String to = location("SHOP");
        post("keeper", "/api/inventory/receipts", Map.of("locationId", from, "lines", List.of(line("olma", 5), line("nok", 2))), 201);

        // all lines or none
        Map<?, ?> shortage = post("keeper", "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("olma", 5), line("nok", 3))), 409);
        assertThat(shortage.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(shortage.get("shortages")).isEqualTo(List.of(Map.of("productId", "nok", "locationId", from, "requested", 3, "available", 2)));
        // unknown or same locations
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", "nowhere",
                "lines", List.of(line("olma", 1))), 400)).toString()).contains("toLocationId");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers", Map.of("fromLocationId", "nowhere", "toLocationId", to,
                "lines", List.of(line("olma", 1))), 400)).toString()).contains("fromLocationId");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", from,
                "lines", List.of(line("olma", 1))), 400)).toString()).contains("toLocationId");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", to,
                "lines", List.of()), 400)).toString()).contains("lines");
        // another tenant's locations are unknown to it
        assertThat(errorsOf(post("other-admin", "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("olma", 1))), 400)).toString()).contains("fromLocationId");
        // roles: the kitchen's cook and the auditor move no stock
        for (String user : List.of("cook", "auditor")) {
            post(user, "/api/inventory/transfers", Map.of("fromLocationId", from, "toLocationId", to, "lines", List.of(line("olma", 1))), 403);
        }

        String id = uniqueId("tr");
        post("manager", "/api/inventory/transfers", Map.of("id", id, "fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("olma", 3))), 201);
        // a transfer id is the tenant's, whichever location sends it
        assertThat(post("admin", "/api/inventory/transfers", Map.of("id", id, "fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("olma", 1))), 409).get("code")).isEqualTo("ALREADY_EXISTS");

        // receipts
        assertThat(post("keeper", "/api/inventory/transfers/" + uniqueId("tr") + "/receive", Map.of("lines", List.of()), 404).get("code"))
                .isEqualTo("NOT_FOUND");
        post("other-admin", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of()), 404);
        post("cook", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of()), 403);
        post("auditor", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of()), 403);
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of(line("olma", 4))), 400))
                .toString()).contains("lines[0].quantity");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of(line("nok", 1))), 400))
                .toString()).contains("lines[0].productId");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers/" + id + "/receive",
                Map.of("lines", List.of(Map.of("productId", "olma", "quantity", -1))), 400)).toString()).contains("quantity");
        assertThat(errorsOf(post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of(), 400)).toString()).contains("lines");
        // nothing arrived at all: the whole transfer is lost, and the destination gains nothing
        Map<?, ?> received = post("admin", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of(line("olma", 0))), 200);
        assertThat(received.get("lines")).isEqualTo(List.of(Map.of("productId", "olma", "sent", 3, "received", 0, "lost", 3)));
        assertThat(stockOf("keeper", to, "olma", position(received))).isEmpty();
        assertThat(stockOf("keeper", from, "olma", position(received)).get("onHand")).isEqualTo(2);
    }

    /**
     * The node stopped between a receipt's two commands: the source recorded what arrived, the destination booked
     * nothing. The command service's sweep (TransferArrivals) books the arrival, as the user who received it, once.
     */
    @Test
    void anArrivalWhoseSecondStepDidNotHappenIsBookedByTheSweep() throws Exception {
        String from = location("WAREHOUSE");
        String to = location("SHOP");
        post("keeper", "/api/inventory/receipts", Map.of("locationId", from, "lines", List.of(line("guruch", 20))), 201);
        String id = uniqueId("tr");
        post("keeper", "/api/inventory/transfers", Map.of("id", id, "fromLocationId", from, "toLocationId", to,
                "lines", List.of(line("guruch", 12))), 201);

        // the receipt's first step alone, as the endpoint sends it
        CommandSender sender = system().commandContext().getBean(CommandSender.class);
        long receipt = sender.send(new Actor("demo", "keeper", null),
                new ReceiveTransfer("demo", from, id, List.of(new Line("guruch", 11)))).position();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !stockOf("keeper", to, "guruch", receipt).isEmpty());
        assertThat(stockOf("keeper", to, "guruch", receipt).get("onHand")).as("booked by the sweep").isEqualTo(11);
        List<?> in = (List<?>) read("auditor", "/api/inventory/movements?locationId=" + to + "&kind=TRANSFER_IN", 200).get("items");
        assertThat(in).hasSize(1);
        assertThat(((Map<?, ?>) in.getFirst()).get("recordedBy")).isEqualTo("keeper");
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                + "'uz.hisob.events.inventory.TransferArrived' AND convert_from(payload, 'UTF8')::jsonb ->> 'transferId' = ?", Integer.class, id))
                .as("booked once").isEqualTo(1);
        // and asking the endpoint now books nothing twice
        assertThat(post("keeper", "/api/inventory/transfers/" + id + "/receive", Map.of("lines", List.of()), 409).get("code"))
                .isEqualTo("ALREADY_RECEIVED");
    }
}
