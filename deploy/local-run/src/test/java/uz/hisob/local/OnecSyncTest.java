package uz.hisob.local;

import org.junit.jupiter.api.Test;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecDemoData;
import uz.hisob.onec.standin.OnecStandIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The 1C link over HTTP (onec.md): a project linked to a stand-in 1C base (its own, small: 250 clients), synced in
 * pages of 100, with the stand-in told to fail in the ways onec.md names.
 */
class OnecSyncTest extends SystemTestSupport {

    private static OnecStandIn onec;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final OnecStandIns ONEC = new OnecStandIns(() -> OnecDemoData.base(250, 10), s -> onec = s);

    /** A project linked to the stand-in, with agents holding the base's agent codes. */
    static String linkedProject(OnecStandIn base, String password) {
        String project = uniqueId("onec");
        post("admin", "/api/projects", Map.of("id", project, "name", "1C " + project, "onec", link(base, password)), 201);
        post("manager", "/api/projects/" + project + "/agents", Map.of("id", project + "-a1", "username", uniqueId("agent"), "password", "agent-pass-1",
                "name", "Azizbek", "onecCode", OnecDemoData.AGENT_CODE), 201);
        post("manager", "/api/projects/" + project + "/agents", Map.of("id", project + "-a2", "username", uniqueId("agent"), "password", "agent-pass-2",
                "name", "Dilnoza", "onecCode", OnecDemoData.AGENT2_CODE), 201);
        return project;
    }

    static Map<String, Object> link(OnecStandIn base, String password) {
        Map<String, Object> link = new HashMap<>();
        link.put("wsdlUrl", base.wsdlUrl(OnecStandIn.Endpoint.PRIMARY));
        link.put("alternativeWsdlUrl", base.wsdlUrl(OnecStandIn.Endpoint.ALTERNATIVE));
        link.put("username", "hisob");
        if (password != null) {
            link.put("password", password);
        }
        link.put("timeoutSeconds", 2);
        link.put("syncEveryMinutes", 1440);
        return link;
    }

    static String sync(String project, Map<String, Object> body) {
        return (String) post("manager", "/api/projects/" + project + "/onec/sync", body, 202).get("runId");
    }

    static Map<?, ?> finished(String project, String runId) {
        Map<?, ?>[] run = new Map<?, ?>[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = queries().get().uri("/api/projects/" + project + "/onec/runs/" + runId).header("Authorization", bearer("manager"))
                    .exchange().returnResult(Map.class).getResponseBody().blockFirst();
            return run[0] != null && run[0].get("status") != null && !"RUNNING".equals(run[0].get("status"));
        });
        return run[0];
    }

    static Map<?, ?> clients(Map<?, ?> run) {
        return (Map<?, ?>) ((Map<?, ?>) run.get("entities")).get("clients");
    }

    static List<String> endpoints(Map<?, ?> run, String outcome) {
        List<String> e = new ArrayList<>();
        for (Object c : (List<?>) run.get("calls")) {
            Map<?, ?> call = (Map<?, ?>) c;
            if (outcome.equals(call.get("outcome"))) {
                e.add(call.get("operation") + "@" + call.get("endpoint"));
            }
        }
        return e;
    }

    /** The events of the project's clients (every one of them came from 1C). */
    static long clientEvents(String project) {
        Long n = eventsDb().queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'demo:client:%'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'projectId' = ?""", Long.class, project);
        return n == null ? 0 : n;
    }

    /** The Hisob id of the project's client with this 1C code. */
    static String clientId(String project, String code) {
        return eventsDb().queryForObject("SELECT client_id FROM client_onec_codes WHERE tenant = 'demo' AND project_id = ? AND onec_code = ?",
                String.class, project, code);
    }

    @Test
    void aProjectIsLinkedWithItsPasswordStoredEncryptedAndNeverShown() {
        String project = uniqueId("onec");
        // a link needs its password, a URL, a timeout in range
        Map<?, ?> noPassword = post("admin", "/api/projects", Map.of("id", project, "name", "1C", "onec", link(onec, null)), 400);
        assertThat(noPassword.toString()).contains("onec.password");
        Map<String, Object> bad = link(onec, "p");
        bad.put("wsdlUrl", "ftp://1c/base");
        bad.put("timeoutSeconds", 0);
        Map<?, ?> invalid = post("admin", "/api/projects", Map.of("id", project, "name", "1C", "onec", bad), 400);
        assertThat(invalid.toString()).contains("onec.wsdlUrl").contains("onec.timeoutSeconds");
        post("manager", "/api/projects", Map.of("id", project, "name", "1C", "onec", link(onec, "parol-1c")), 403);

        long position = ((Number) post("admin", "/api/projects", Map.of("id", project, "name", "1C", "onec", link(onec, "parol-1c")), 201)
                .get("position")).longValue();
        Map<?, ?> shown = read("manager", "/api/projects/" + project + "?minPosition=" + position, 200);
        Map<?, ?> link = (Map<?, ?>) shown.get("onec");
        assertThat(link.get("wsdlUrl")).isEqualTo(onec.wsdlUrl(OnecStandIn.Endpoint.PRIMARY));
        assertThat(link.get("passwordSet")).isEqualTo(true);
        assertThat(link.get("timeoutSeconds")).isEqualTo(2);
        assertThat(link.containsKey("password")).isFalse();
        // stored, but not as it was given
        String stored = eventsDb().queryForObject("SELECT password FROM onec_secrets WHERE tenant = 'demo' AND project_id = ?", String.class, project);
        assertThat(stored).isNotBlank().doesNotContain("parol-1c");
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%parol-1c%'",
                Long.class)).isZero();

        // a PUT without the password keeps it; without onec, keeps the link
        Map<String, Object> changed = link(onec, null);
        changed.put("syncEveryMinutes", 60);
        put("admin", "/api/projects/" + project, Map.of("name", "1C bazasi", "onec", changed), 200);
        long last = ((Number) put("admin", "/api/projects/" + project, Map.of("name", "1C bazasi 2"), 200).get("position")).longValue();
        Map<?, ?> after = read("auditor", "/api/projects/" + project + "?minPosition=" + last, 200);
        assertThat(after.get("name")).isEqualTo("1C bazasi 2");
        assertThat(((Map<?, ?>) after.get("onec")).get("syncEveryMinutes")).isEqualTo(60);
        assertThat(((Map<?, ?>) after.get("onec")).get("passwordSet")).isEqualTo(true);
        assertThat(eventsDb().queryForObject("SELECT password FROM onec_secrets WHERE tenant = 'demo' AND project_id = ?", String.class, project))
                .isEqualTo(stored);

        // the link works with the password kept; this project has no agents with the 1C codes its clients name: the
        // clients come without them, and the run says so
        Map<?, ?> run = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(run.get("status")).isEqualTo("PARTIAL");
        assertThat(clients(run).get("created")).isEqualTo(250);
        assertThat(((List<?>) run.get("errors")).getFirst()).isEqualTo(Map.of("code", "UNKNOWN_AGENT", "item", "K-00001",
                "message", "No agent of the project has the 1C code " + onec.base().client("K-00001").agentCodes().getFirst()));

        // unlinked: no more runs, the password gone
        commands().delete().uri("/api/projects/" + project + "/onec").header("Authorization", bearer("manager")).exchange()
                .expectStatus().isForbidden();
        commands().delete().uri("/api/projects/" + project + "/onec").header("Authorization", bearer("admin")).exchange()
                .expectStatus().isOk();
        Map<?, ?> refused = post("manager", "/api/projects/" + project + "/onec/sync", Map.of(), 409);
        assertThat(refused.get("code")).isEqualTo("NOT_LINKED");
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM onec_secrets WHERE tenant = 'demo' AND project_id = ?", Long.class, project))
                .isZero();
    }

    @Test
    void aFirstSyncBringsTheClientsPageByPageAndAFullRunOverUnchangedClientsAppendsNothing() {
        String project = linkedProject(onec, "parol-1c");
        String first = sync(project, Map.of("entities", List.of("clients")));
        Map<?, ?> run = finished(project, first);
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        assertThat(run.get("trigger")).isEqualTo("MANUAL");
        Map<?, ?> counts = clients(run);
        assertThat(counts.get("received")).isEqualTo(250);
        assertThat(counts.get("created")).isEqualTo(250);
        assertThat(counts.get("unchanged")).isEqualTo(0);
        // three pages of 100, then 1C's order statuses (every run reads them after its entities)
        assertThat(endpoints(run, "OK")).containsExactly("GetClients@PRIMARY", "GetClients@PRIMARY", "GetClients@PRIMARY",
                "GetOrderStatuses@PRIMARY");
        assertThat(clientEvents(project)).isEqualTo(250);

        // the client as 1C has it, with its agent mapped by the agent's 1C code
        OnecBase.Client k7 = onec.base().client("K-00007");
        Map<?, ?> client = read("manager", "/api/projects/" + project + "/clients/" + clientId(project, "K-00007"), 200);
        assertThat(client.get("name")).isEqualTo(k7.name());
        assertThat(client.get("onecCode")).isEqualTo("K-00007");
        assertThat(client.get("agentIds")).isEqualTo(List.of(k7.agentCodes().getFirst().equals(OnecDemoData.AGENT_CODE) ? project + "-a1" : project + "-a2"));

        // everything again from the start: all unchanged, not one event
        Map<?, ?> full = finished(project, sync(project, Map.of("entities", List.of("clients"), "full", true)));
        assertThat(full.get("status")).isEqualTo("SUCCEEDED");
        assertThat(clients(full).get("received")).isEqualTo(250);
        assertThat(clients(full).get("unchanged")).isEqualTo(250);
        assertThat(clients(full).get("updated")).isEqualTo(0);
        assertThat(clientEvents(project)).isEqualTo(250);

        // a change in 1C comes with the next run, alone; a client deleted in 1C is archived
        onec.base().changeClient("K-00007", c -> new OnecBase.Client(c.code(), "Yangi Baraka", c.legalName(), c.tin(), c.phone(), c.address(),
                c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
        onec.base().changeClient("K-00009", c -> new OnecBase.Client(c.code(), c.name(), c.legalName(), c.tin(), c.phone(), c.address(),
                c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), true));
        // and one past the contract's limits is refused with why, the others taken
        onec.base().changeClient("K-00011", c -> new OnecBase.Client(c.code(), c.name(), c.legalName(), c.tin(),
                "+998 90 123-45-67; +998 71 200-00-00 (ofis)", c.address(), c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
        Map<?, ?> next = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(next.get("status")).isEqualTo("PARTIAL");
        assertThat(clients(next).get("received")).isEqualTo(3);
        assertThat(clients(next).get("updated")).isEqualTo(1);
        assertThat(clients(next).get("archived")).isEqualTo(1);
        assertThat(clients(next).get("failed")).isEqualTo(1);
        assertThat(next.get("errors")).isEqualTo(List.of(Map.of("code", "INVALID", "item", "K-00011",
                "message", "phone is longer than 32 characters")));
        assertThat(clientEvents(project)).isEqualTo(252);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(read("manager", "/api/projects/" + project + "/clients/" + clientId(project, "K-00007"), 200).get("name")).isEqualTo("Yangi Baraka"));

        // newest first
        Map<?, ?> runs = read("auditor", "/api/projects/" + project + "/onec/runs", 200);
        assertThat(CatalogTest.values(runs.get("items"), "id")).startsWith(next.get("id"), full.get("id"), first);

        // a request retried with its Idempotency-Key answers the same run and starts no other
        String key = uniqueId("again");
        Map<?, ?>[] answers = new Map<?, ?>[2];
        for (int i = 0; i < 2; i++) {
            var result = commands().post().uri("/api/projects/" + project + "/onec/sync").header("Authorization", bearer("manager"))
                    .header("Idempotency-Key", key).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("entities", List.of("clients"))).exchange().expectStatus().isAccepted()
                    .expectBody(Map.class).returnResult();
            assertThat(result.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo(i == 0 ? null : "true");
            answers[i] = result.getResponseBody();
        }
        assertThat(answers[1]).isEqualTo(answers[0]);
        assertThat(((Number) answers[0].get("position")).longValue()).isPositive();
        finished(project, (String) answers[0].get("runId"));
        assertThat(read("auditor", "/api/projects/" + project + "/onec/runs", 200).get("totalItems")).isEqualTo(4);
        onec.base().changeClient("K-00011", c -> new OnecBase.Client(c.code(), c.name(), c.legalName(), c.tin(), "+998901234567",
                c.address(), c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
    }

    @Test
    void aFailingPrimarySendsTheSameCallToTheAlternativeAndBothDownFailsTheRunWithNothingHalfApplied() {
        String project = linkedProject(onec, "parol-1c");
        onec.down(OnecStandIn.Endpoint.PRIMARY);
        Map<?, ?> run = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        assertThat(clients(run).get("created")).isEqualTo(250);
        // three failures of the primary open its circuit: the calls after go to the alternative at once
        assertThat(endpoints(run, "FAILED")).containsExactly("GetClients@PRIMARY", "GetClients@PRIMARY", "GetClients@PRIMARY");
        assertThat(endpoints(run, "OK")).containsExactly("GetClients@ALTERNATIVE", "GetClients@ALTERNATIVE", "GetClients@ALTERNATIVE",
                "GetOrderStatuses@ALTERNATIVE");
        assertThat(endpoints(run, "SKIPPED")).containsExactly("GetOrderStatuses@PRIMARY");

        // and back: the primary up, the alternative failing with a SOAP Server fault
        onec.up(OnecStandIn.Endpoint.PRIMARY);
        onec.fault(OnecStandIn.Endpoint.ALTERNATIVE, null, "server", -1, 0);
        onec.base().changeClient("K-00001", c -> new OnecBase.Client(c.code(), "Qaytgan", c.legalName(), c.tin(), c.phone(), c.address(),
                c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
        // the primary's circuit lets a trial call through after its open time (3 s here, 30 s by default)
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Map<?, ?> back = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(back.get("status")).isEqualTo("SUCCEEDED");
        assertThat(endpoints(back, "OK")).containsExactly("GetClients@PRIMARY", "GetOrderStatuses@PRIMARY");
        assertThat(clients(back).get("updated")).isEqualTo(1);

        // both down: FAILED with the reason, no page applied, the cursor where it was
        onec.down(OnecStandIn.Endpoint.PRIMARY);
        onec.down(OnecStandIn.Endpoint.ALTERNATIVE);
        onec.base().changeClient("K-00002", c -> new OnecBase.Client(c.code(), "Kutilgan", c.legalName(), c.tin(), c.phone(), c.address(),
                c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
        long before = clientEvents(project);
        Map<?, ?> down = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(down.get("status")).isEqualTo("FAILED");
        assertThat(((List<?>) down.get("errors")).toString()).contains("UNAVAILABLE");
        assertThat(endpoints(down, "FAILED")).containsExactly("GetClients@PRIMARY", "GetClients@ALTERNATIVE");
        assertThat(clients(down).get("received")).isEqualTo(0);
        assertThat(clientEvents(project)).isEqualTo(before);

        // the next run resumes from the last page applied: only the change made since
        onec.clear(OnecStandIn.Endpoint.PRIMARY);
        onec.clear(OnecStandIn.Endpoint.ALTERNATIVE);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Map<?, ?> resumed = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(resumed.get("status")).isEqualTo("SUCCEEDED");
        assertThat(clients(resumed).get("received")).isEqualTo(1);
        assertThat(clients(resumed).get("updated")).isEqualTo(1);
    }

    @Test
    void aRunWhoseInstanceStopsMidRunIsResumedByAnotherFromItsLastAppliedPageApplyingNothingTwice() {
        try (OnecStandIn big = OnecStandIn.start(OnecDemoData.base(1200, 5), "hisob", "parol-1c", 0, 0, 0)) {
            String project = linkedProject(big, "parol-1c");
            big.slow(OnecStandIn.Endpoint.PRIMARY, 250);
            int port = HisobSystem.freePort();
            String runId;
            try (org.springframework.context.ConfigurableApplicationContext other = extraCommandService(port, Map.of())) {
                assertThat(other.isActive()).isTrue();
                org.springframework.test.web.reactive.server.WebTestClient client = client("http://localhost:" + port);
                runId = (String) client.post().uri("/api/projects/" + project + "/onec/sync")
                        .header("Authorization", "Bearer " + login(client, "manager")).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("entities", List.of("clients"))).exchange().expectStatus().isAccepted()
                        .expectBody(Map.class).returnResult().getResponseBody().get("runId");
                // stopped after some pages, in the middle of the run
                await().atMost(Duration.ofSeconds(30)).until(() -> clientEvents(project) >= 300);
            }
            long atStop = clientEvents(project);
            assertThat(atStop).isLessThan(1200);
            Map<?, ?> run = finished(project, runId);
            assertThat(run.get("status")).isEqualTo("SUCCEEDED");
            assertThat(clients(run).get("received")).isEqualTo(1200);
            assertThat(clients(run).get("created")).isEqualTo(1200);
            // every client once: no page applied twice, none skipped
            assertThat(clientEvents(project)).isEqualTo(1200);
            assertThat(eventsDb().queryForObject("SELECT count(*) FROM client_onec_codes WHERE tenant = 'demo' AND project_id = ?", Long.class,
                    project)).isEqualTo(1200);
            assertThat(endpoints(run, "OK")).hasSize(13); // twelve pages of clients, one of order statuses
        }
    }

    @Test
    void aFullRunBringsTheCatalogueItsPricesAndStockByWarehouseAndTheClientsTheirPriceLists() {
        // a base of its own: product codes and barcodes unique to this test (the catalogue is the tenant's)
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        OnecBase base = new OnecBase();
        java.time.Instant past = java.time.Instant.parse("2026-01-01T00:00:00Z");
        List<String> codes = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String code = "Т-" + tag + "-" + n;
            codes.add(code);
            base.putProduct(new OnecBase.Product(code, "Печенье «Юбилейное» " + n + " шт", "АРТ-" + tag + "-" + n, "pcs", "ГР-" + tag,
                    "Кондитерские изделия", List.of(OnecDemoData.ean13(String.format("479%09d", (Long.parseLong(tag) * 3 + n) % 1_000_000_000L))),
                    false));
            base.putPrice(new OnecBase.Price(code, "ОПТ-" + tag, "Оптовая", new java.math.BigDecimal(10_000 * n), "UZS", past));
            base.putPrice(new OnecBase.Price(code, "РОЗ-" + tag, "Розничная", new java.math.BigDecimal(12_000 * n), "UZS", past));
            base.putStock(new OnecBase.Stock(code, "С-" + tag, "Основной склад", 100 * n));
            base.putStock(new OnecBase.Stock(code, "Ч-" + tag, "Склад Чиланзар", 7 * n));
        }
        base.putClient(new OnecBase.Client("K-1", "Baraka do'koni", null, null, null, null, 41.3, 69.2, List.of(OnecDemoData.AGENT_CODE),
                "ОПТ-" + tag, false));
        try (OnecStandIn own = OnecStandIn.start(base, "hisob", "parol-1c", 0, 0, 0)) {
            String project = linkedProject(own, "parol-1c");
            Map<?, ?> run = finished(project, sync(project, Map.of()));
            assertThat(run.get("status")).isEqualTo("SUCCEEDED");
            Map<?, ?> entities = (Map<?, ?>) run.get("entities");
            assertThat(((Map<?, ?>) entities.get("products")).get("created")).isEqualTo(3);
            assertThat(((Map<?, ?>) entities.get("prices")).get("updated")).isEqualTo(6);
            assertThat(((Map<?, ?>) entities.get("stock")).get("updated")).isEqualTo(6);
            assertThat(((Map<?, ?>) entities.get("clients")).get("created")).isEqualTo(1);
            assertThat(endpoints(run, "OK")).containsExactly("GetProducts@PRIMARY", "GetPrices@PRIMARY", "GetStock@PRIMARY",
                    "GetClients@PRIMARY", "GetOrderStatuses@PRIMARY");

            String productId = uz.hisob.command.onec.OnecKeys.product(codes.get(1));
            String wholesale = uz.hisob.command.onec.OnecKeys.priceList("ОПТ-" + tag);
            String main = uz.hisob.command.onec.OnecKeys.warehouse("С-" + tag);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<?, ?> product = read("manager", "/api/catalog/products/" + productId, 200);
                assertThat(product.get("name")).isEqualTo("Печенье «Юбилейное» 2 шт");
                assertThat(product.get("sku")).isEqualTo("АРТ-" + tag + "-2");
                assertThat(product.get("onecCode")).isEqualTo(codes.get(1));
                assertThat(product.get("categoryId")).isEqualTo(uz.hisob.command.onec.OnecKeys.category("ГР-" + tag));
                assertThat(CatalogTest.values(product.get("prices"), "price")).contains("20000.00", "24000.00");
                assertThat(product.get("stock").toString()).contains("locationId=" + main + ", onHand=200");
            });
            Map<?, ?> list = read("manager", "/api/catalog/price-lists/" + wholesale, 200);
            assertThat(list.get("name")).isEqualTo("Оптовая");
            assertThat(list.get("currency")).isEqualTo("UZS");
            assertThat(read("manager", "/api/projects/" + project + "/clients/" + clientId(project, "K-1"), 200).get("priceListId"))
                    .isEqualTo(wholesale);

            // nothing changed in 1C: a full run appends nothing to the catalogue or the warehouses
            long before = eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)",
                    Long.class, uz.hisob.api.catalog.Catalogues.aggregateId("demo"), uz.hisob.api.inventory.StockLocations.aggregateId("demo", main));
            Map<?, ?> again = finished(project, sync(project, Map.of("full", true)));
            assertThat(again.get("status")).isEqualTo("SUCCEEDED");
            assertThat(((Map<?, ?>) ((Map<?, ?>) again.get("entities")).get("products")).get("unchanged")).isEqualTo(3);
            assertThat(((Map<?, ?>) ((Map<?, ?>) again.get("entities")).get("stock")).get("unchanged")).isEqualTo(6);
            assertThat(eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)",
                    Long.class, uz.hisob.api.catalog.Catalogues.aggregateId("demo"), uz.hisob.api.inventory.StockLocations.aggregateId("demo", main)))
                    .isEqualTo(before);

            // a new price, a new count, a product deleted: each comes with the next run
            base.putPrice(new OnecBase.Price(codes.get(0), "ОПТ-" + tag, "Оптовая", new java.math.BigDecimal("9500"), "UZS", past));
            base.putStock(new OnecBase.Stock(codes.get(0), "С-" + tag, "Основной склад", 42));
            OnecBase.Product third = base.product(codes.get(2));
            base.putProduct(new OnecBase.Product(third.code(), third.name(), third.article(), third.unit(), third.categoryCode(),
                    third.categoryName(), third.barcodes(), true));
            Map<?, ?> next = finished(project, sync(project, Map.of("entities", List.of("products", "prices", "stock"))));
            Map<?, ?> e = (Map<?, ?>) next.get("entities");
            assertThat(((Map<?, ?>) e.get("products")).get("archived")).isEqualTo(1);
            assertThat(((Map<?, ?>) e.get("prices")).get("updated")).isEqualTo(1);
            assertThat(((Map<?, ?>) e.get("stock")).get("updated")).isEqualTo(1);
            String first = uz.hisob.command.onec.OnecKeys.product(codes.get(0));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<?, ?> product = read("manager", "/api/catalog/products/" + first, 200);
                assertThat(CatalogTest.values(product.get("prices"), "price")).contains("9500.00");
                assertThat(product.get("stock").toString()).contains("locationId=" + main + ", onHand=42");
                assertThat(read("manager", "/api/catalog/products/" + uz.hisob.command.onec.OnecKeys.product(codes.get(2)), 200)
                        .get("archived")).isEqualTo(true);
            });
        }
    }

    @Test
    void oneCAsksForARunWithTheProjectsApiKey() {
        String project = linkedProject(onec, "parol-1c");
        post("manager", "/api/projects/" + project + "/onec/api-keys", Map.of(), 403);
        Map<?, ?> issued = post("admin", "/api/projects/" + project + "/onec/api-keys", Map.of(), 201);
        String key = (String) issued.get("key");
        assertThat(key).startsWith("h1c_").hasSizeGreaterThan(40);
        Map<?, ?> other = post("admin", "/api/projects/" + linkedProject(onec, "parol-1c") + "/onec/api-keys", Map.of(), 201);
        // a retry with its Idempotency-Key answers the same key, made once
        String idem = uniqueId("kalit");
        Map<?, ?>[] same = new Map<?, ?>[2];
        for (int i = 0; i < 2; i++) {
            same[i] = commands().post().uri("/api/projects/" + project + "/onec/api-keys").header("Authorization", bearer("admin"))
                    .header("Idempotency-Key", idem).contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(Map.of())
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        }
        assertThat(same[1].get("key")).isEqualTo(same[0].get("key")).isNotEqualTo(key);
        assertThat(same[1].get("id")).isEqualTo(same[0].get("id"));

        org.springframework.test.web.reactive.server.WebTestClient c = commands();
        // no key, a wrong one, another project's: 401
        c.post().uri("/api/onec/" + project + "/notify").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entities", List.of("clients"))).exchange().expectStatus().isUnauthorized();
        c.post().uri("/api/onec/" + project + "/notify").header("X-Api-Key", "h1c_wrong").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entities", List.of("clients"))).exchange().expectStatus().isUnauthorized();
        c.post().uri("/api/onec/" + project + "/notify").header("X-Api-Key", (String) other.get("key"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(Map.of("entities", List.of("clients"))).exchange()
                .expectStatus().isUnauthorized();
        Map<?, ?> accepted = c.post().uri("/api/onec/" + project + "/notify").header("X-Api-Key", key)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(Map.of("entities", List.of("clients"))).exchange()
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> run = finished(project, (String) accepted.get("runId"));
        assertThat(run.get("trigger")).isEqualTo("NOTIFY");
        assertThat(clients(run).get("created")).isEqualTo(250);

        // listed without the key; revoked, it opens nothing
        long position = ((Number) commands().delete().uri("/api/projects/" + project + "/onec/api-keys/" + issued.get("id"))
                .header("Authorization", bearer("admin")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("position")).longValue();
        Map<?, ?> keys = read("auditor", "/api/projects/" + project + "/onec/api-keys?minPosition=" + position, 200);
        assertThat(keys.get("totalItems")).isEqualTo(2);
        Map<?, ?> listed = (Map<?, ?>) ((List<?>) keys.get("items")).stream()
                .filter(k -> issued.get("id").equals(((Map<?, ?>) k).get("id"))).findFirst().orElseThrow();
        assertThat(listed.get("id")).isEqualTo(issued.get("id"));
        assertThat(listed.get("prefix")).isEqualTo(key.substring(0, 8));
        assertThat(listed.get("revokedAt")).isNotNull();
        assertThat(keys.toString()).doesNotContain(key);
        c.post().uri("/api/onec/" + project + "/notify").header("X-Api-Key", key).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isUnauthorized();
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?", Long.class,
                "%" + key.substring(8) + "%")).isZero();
    }

    @Test
    void aClientFaultIsARefusalNotTriedElsewhere() {
        String project = linkedProject(onec, "parol-1c");
        int alternative = onec.calls(OnecStandIn.Endpoint.ALTERNATIVE, "GetClients");
        onec.fault(OnecStandIn.Endpoint.PRIMARY, "GetClients", "client", 1, 0);
        Map<?, ?> run = finished(project, sync(project, Map.of("entities", List.of("clients"))));
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat(((List<?>) run.get("errors")).toString()).contains("REFUSED");
        assertThat(endpoints(run, "REFUSED")).containsExactly("GetClients@PRIMARY");
        assertThat(onec.calls(OnecStandIn.Endpoint.ALTERNATIVE, "GetClients")).isEqualTo(alternative);
        // a wrong password is 1C's refusal too
        String wrong = linkedProject(onec, "not-the-password");
        Map<?, ?> refused = finished(wrong, sync(wrong, Map.of("entities", List.of("clients"))));
        assertThat(refused.get("status")).isEqualTo("FAILED");
        assertThat(((List<?>) refused.get("errors")).toString()).contains("401");
    }

    @Test
    void oneRunAtATimeAndItsProgressStreamed() throws Exception {
        String project = linkedProject(onec, "parol-1c");
        onec.slow(OnecStandIn.Endpoint.PRIMARY, 400);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(CompletableFuture.runAsync(() -> statuses.add(commands().post().uri("/api/projects/" + project + "/onec/sync")
                    .header("Authorization", bearer("manager")).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("entities", List.of("clients"))).exchange().returnResult(String.class).getStatus().value())));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        assertThat(statuses).containsOnly(202, 409);
        assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(1);
        Map<?, ?> running = post("manager", "/api/projects/" + project + "/onec/sync", Map.of(), 409);
        assertThat(running.get("code")).isEqualTo("SYNC_RUNNING");
        String runId = (String) running.get("runId");

        List<String> events = queries().get().uri("/api/projects/" + project + "/onec/runs/" + runId + "/stream")
                .header("Authorization", bearer("auditor")).exchange().expectStatus().isOk()
                .returnResult(new org.springframework.core.ParameterizedTypeReference<org.springframework.http.codec.ServerSentEvent<String>>() {
                }).getResponseBody().filter(e -> e.event() != null).map(e -> e.event() + " " + e.data())
                .takeUntil(e -> e.startsWith("finished")).take(Duration.ofSeconds(30)).collectList().block();
        assertThat(events).hasSize(6); // started, three pages of clients, one of order statuses, finished
        assertThat(events.getFirst()).startsWith("started");
        assertThat(events.get(3)).startsWith("page").contains("\"received\":250").contains("\"more\":false");
        assertThat(events.getLast()).startsWith("finished").contains("SUCCEEDED");

        // who may
        post("agent", "/api/projects/" + project + "/onec/sync", Map.of(), 403);
        post("auditor", "/api/projects/" + project + "/onec/sync", Map.of(), 403);
        read("agent", "/api/projects/" + project + "/onec/runs", 403);
        read("auditor", "/api/projects/" + project + "/onec/runs/nope", 404);
        Map<?, ?> badEntity = post("manager", "/api/projects/" + project + "/onec/sync", Map.of("entities", List.of("orders")), 400);
        assertThat(badEntity.toString()).contains("entities[0]");
    }
}
