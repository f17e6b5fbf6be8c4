package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.CatalogTest.values;
import static uz.hisob.local.InventoryCommandsTest.read;

/** The run command's demo of field sales holds what it promises: a project, its agents, 2 000 clients and a real week. */
class DemoFieldTest extends SystemTestSupport {

    @Test
    void theDemoProjectHasItsAgentsClientsAndAWeekOfVisitsWithTracks() {
        DemoField.ensure(system().commandUrl(), system().queryUrl());
        long head = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        String p = "/api/projects/" + DemoField.PROJECT;
        String wait = "minPosition=" + head;

        Map<?, ?> claims = FieldSalesTest.claims(token("agent"));
        assertThat(claims.get("project")).isEqualTo(DemoField.PROJECT);
        assertThat(claims.get("agent")).isEqualTo("agent");
        assertThat(FieldSalesTest.claims(token("agent2")).get("agent")).isEqualTo("agent2");
        assertThat(values(read("manager", p + "/agents?" + wait, 200).get("items"), "username")).containsExactlyInAnyOrder("agent", "agent2");

        Map<?, ?> clients = read("manager", p + "/clients?size=200&" + wait, 200);
        assertThat(clients.get("totalItems")).isEqualTo(DemoField.CLIENTS);
        Set<String> scripts = new HashSet<>();
        for (Object c : (List<?>) clients.get("items")) {
            String name = (String) ((Map<?, ?>) c).get("name");
            scripts.add(name.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC) ? "cyrillic" : "latin");
        }
        assertThat(scripts).containsExactlyInAnyOrder("latin", "cyrillic");
        // an agent sees its half
        assertThat(read("agent", p + "/clients", 200).get("totalItems")).isEqualTo(DemoField.CLIENTS / 2);
        assertThat(((List<?>) read("manager", p + "/clients/nearby?lat=41.3111&lon=69.2797&radiusMeters=3000", 200).get("items"))).isNotEmpty();

        LocalDate today = LocalDate.now(DemoField.ZONE);
        LocalDate yesterday = today.minusDays(1);
        List<?> done = (List<?>) read("manager", p + "/visits?date=" + yesterday + "&status=COMPLETED&size=200", 200).get("items");
        assertThat(done.size()).as("visits made yesterday").isGreaterThanOrEqualTo(16);
        Set<Object> flags = new HashSet<>();
        for (Object v : done) {
            flags.addAll((List<?>) ((Map<?, ?>) v).get("flags"));
        }
        assertThat(flags).contains("LATE_UPLOAD");
        assertThat((List<?>) read("manager", p + "/visits?date=" + today.plusDays(6) + "&status=PLANNED", 200).get("items")).isNotEmpty();
        // the plans of a week ago were never visited: missed once the sweep has seen them
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat((List<?>) read("manager", p + "/visits?date=" + today.minusDays(6) + "&status=MISSED", 200).get("items")).hasSize(24));

        Map<?, ?> track = read("manager", "/api/agents/agent/track?date=" + yesterday, 200);
        assertThat(((Number) track.get("distanceMeters")).longValue()).isPositive();
        assertThat((List<?>) track.get("stops")).isNotEmpty();
        Map<?, ?> day = read("agent", "/api/agents/agent/days/" + yesterday, 200);
        assertThat(((Number) day.get("timeOnSiteSeconds")).longValue()).isPositive();
        List<?> photos = (List<?>) read("manager", p + "/images?status=PENDING&size=200", 200).get("items");
        assertThat(photos.stream().anyMatch(i -> ((Map<?, ?>) i).get("duplicateOf") != null)).as("a reused photo").isTrue();
        assertThat(values(read("manager", p + "/routes", 200).get("items"), "id")).containsExactlyInAnyOrder("yol-agent", "yol-agent2");
        Map<?, ?> kpis = read("manager", p + "/kpis?from=" + today.minusDays(6) + "&to=" + today, 200);
        assertThat(((Number) ((Map<?, ?>) kpis.get("totals")).get("completed")).longValue()).isGreaterThanOrEqualTo(16);

        // a second call finds the demo there and books nothing
        long before = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        DemoField.ensure(system().commandUrl(), system().queryUrl());
        assertThat(eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class)).isEqualTo(before);
    }
}
