package uz.hisob.command.onec;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.onec.ConfigureOnecLink;
import uz.hisob.api.onec.FinishOnecSync;
import uz.hisob.api.onec.RemoveOnecLink;
import uz.hisob.api.onec.StartOnecSync;
import uz.hisob.command.field.InMemoryField;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.onec.OnecCall;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;
import uz.hisob.events.onec.OnecLinkConfigured;
import uz.hisob.events.onec.OnecLinkRemoved;
import uz.hisob.events.onec.OnecLinkSettings;
import uz.hisob.events.onec.OnecPageApplied;
import uz.hisob.events.onec.OnecSyncFinished;
import uz.hisob.events.onec.OnecSyncStarted;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.platform.Refusals.refused;

/** The 1C link's rules, given/when/then: a password to link, one run at a time, pages in order from the cursor. */
class OnecLinkTest {

    static final String TENANT = "demo";
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final OnecLinkSettings ASKED = new OnecLinkSettings("http://1c/base/ws/hisob.1cws?wsdl", null, "hisob", false, 30, 15, false,
            null, false);
    static final OnecLinkSettings LINKED = new OnecLinkSettings("http://1c/base/ws/hisob.1cws?wsdl", null, "hisob", true, 30, 15, false,
            null, false);

    AggregateTestFixture<OnecLink> fixture;
    InMemoryField field;
    Secrets secrets;
    Links links;

    /** The passwords as the table keeps them. */
    static final class Secrets implements OnecSecrets {
        final Map<String, String[]> stored = new HashMap<>();

        @Override
        public Stored store(String tenant, String projectId, String password, String exchangePassword) {
            String[] s = stored.computeIfAbsent(projectId, p -> new String[2]);
            s[0] = password != null ? password : s[0];
            s[1] = exchangePassword != null ? exchangePassword : s[1];
            return new Stored(s[0] != null, s[1] != null);
        }

        @Override
        public void erase(String tenant, String projectId) {
            stored.remove(projectId);
        }

        @Override
        public Optional<Plain> read(String tenant, String projectId) {
            return Optional.ofNullable(stored.get(projectId)).map(s -> new Plain(s[0], s[1]));
        }

        @Override
        public byte[] derive(String input) {
            return input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public boolean configured() {
            return true;
        }
    }

    /** What the schedulers would see. */
    static final class Links implements OnecLinks {
        final Map<String, String> running = new HashMap<>();
        final List<String> linked = new ArrayList<>();

        @Override
        public void linked(String tenant, String projectId, OnecLinkSettings settings) {
            linked.add(projectId);
        }

        @Override
        public void unlinked(String tenant, String projectId) {
            linked.remove(projectId);
        }

        @Override
        public void running(String tenant, String projectId, String runId) {
            running.put(projectId, runId);
        }

        @Override
        public void finished(String tenant, String projectId, Instant at) {
            running.remove(projectId);
        }

        @Override
        public List<Row> all() {
            return List.of();
        }

        @Override
        public Optional<Row> find(String tenant, String projectId) {
            return Optional.empty();
        }
    }

    /** The keys of notify, in memory. */
    static final class Keys implements OnecApiKeys {
        final Map<String, String> byHash = new HashMap<>();

        @Override
        public void issued(String tenant, String projectId, String keyId, String keyHash) {
            byHash.put(keyHash, keyId);
        }

        @Override
        public void revoked(String tenant, String projectId, String keyId) {
            byHash.values().remove(keyId);
        }

        @Override
        public Optional<Owner> owner(String keyHash) {
            return Optional.ofNullable(byHash.get(keyHash)).map(k -> new Owner(TENANT, "toshkent", k));
        }
    }

    Keys keys;

    @BeforeEach
    void setUp() {
        keys = new Keys();
        fixture = new AggregateTestFixture<>(OnecLink.class);
        field = new InMemoryField();
        field.projects.put("toshkent", InMemoryField.rules("toshkent", new ProjectSettings("Toshkent", "Asia/Tashkent", 150,
                ProjectSettings.FLAG, 0, true), Map.of(), List.of(), Map.of()));
        secrets = new Secrets();
        links = new Links();
        fixture.registerInjectableResource(field);
        fixture.registerInjectableResource(secrets);
        fixture.registerInjectableResource(links);
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new PageImport(fixture));
    }

    static OnecLinkConfigured configured() {
        return new OnecLinkConfigured(TENANT, "toshkent", LINKED);
    }

    static OnecSyncStarted started(String run, List<String> entities, boolean full) {
        return new OnecSyncStarted(TENANT, "toshkent", run, "MANUAL", entities, full, NOW);
    }

    static OnecPageApplied page(String run, String cursor, boolean more) {
        return new OnecPageApplied(TENANT, "toshkent", run, "clients", cursor, more, new OnecCounts(100, 100, 0, 0, 0, 0), List.of(), List.of());
    }

    @Test
    void aLinkNeedsAProjectAndAPasswordWhichNoEventHolds() {
        fixture.givenNoPriorActivity().when(new ConfigureOnecLink(TENANT, "samarqand", ASKED, "parol", null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        setUp();
        fixture.givenNoPriorActivity().when(new ConfigureOnecLink(TENANT, "toshkent", ASKED, null, null))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.givenNoPriorActivity().when(new ConfigureOnecLink(TENANT, "toshkent", ASKED, "parol", null))
                .expectEvents(configured());
        assertThat(secrets.read(TENANT, "toshkent").orElseThrow().password()).isEqualTo("parol");
        assertThat(links.linked).containsExactly("toshkent");
        // changed later without the password: the stored one stays
        fixture.given(configured()).when(new ConfigureOnecLink(TENANT, "toshkent", ASKED, null, null)).expectEvents(configured());
        assertThat(secrets.read(TENANT, "toshkent").orElseThrow().password()).isEqualTo("parol");
        // an exchange login needs its password
        OnecLinkSettings exchange = new OnecLinkSettings(ASKED.wsdlUrl(), null, "hisob", false, 30, 15, false, "sayt", false);
        fixture.given(configured()).when(new ConfigureOnecLink(TENANT, "toshkent", exchange, null, null))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.given(configured()).when(new RemoveOnecLink(TENANT, "toshkent")).expectEvents(new OnecLinkRemoved(TENANT, "toshkent"));
        assertThat(secrets.read(TENANT, "toshkent")).isEmpty();
        fixture.given(configured(), new OnecLinkRemoved(TENANT, "toshkent"))
                .when(new StartOnecSync(TENANT, "toshkent", "r1", "MANUAL", List.of("clients"), false))
                .expectNoEvents().expectException(refused("NOT_LINKED"));
    }

    @Test
    void apiKeysAreTheLinksAndGoWithIt() {
        fixture.givenNoPriorActivity().when(new uz.hisob.api.onec.IssueOnecApiKey(TENANT, "toshkent", "k1", "hash1", "h1c_abcd"))
                .expectNoEvents().expectException(refused("NOT_LINKED"));
        fixture.given(configured()).when(new uz.hisob.api.onec.IssueOnecApiKey(TENANT, "toshkent", "k1", "hash1", "h1c_abcd"))
                .expectEvents(new uz.hisob.events.onec.OnecApiKeyIssued(TENANT, "toshkent", "k1", "h1c_abcd", NOW));
        assertThat(keys.owner("hash1")).isPresent();
        uz.hisob.events.onec.OnecApiKeyIssued issued = new uz.hisob.events.onec.OnecApiKeyIssued(TENANT, "toshkent", "k1", "h1c_abcd", NOW);
        fixture.given(configured(), issued).when(new uz.hisob.api.onec.RevokeOnecApiKey(TENANT, "toshkent", "k1"))
                .expectEvents(new uz.hisob.events.onec.OnecApiKeyRevoked(TENANT, "toshkent", "k1", NOW));
        assertThat(keys.owner("hash1")).isEmpty();
        fixture.given(configured()).when(new uz.hisob.api.onec.RevokeOnecApiKey(TENANT, "toshkent", "k9"))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        // unlinked, its keys no longer open notify
        keys.issued(TENANT, "toshkent", "k1", "hash1");
        fixture.given(configured(), issued).when(new RemoveOnecLink(TENANT, "toshkent")).expectEvents(new OnecLinkRemoved(TENANT, "toshkent"));
        assertThat(keys.owner("hash1")).isEmpty();
    }

    @Test
    void oneRunAtATimeItsEntitiesInOrderFromTheirCursors() {
        fixture.givenNoPriorActivity().when(new StartOnecSync(TENANT, "toshkent", "r1", "MANUAL", List.of("clients"), false))
                .expectNoEvents().expectException(refused("NOT_LINKED"));
        Map<String, String> fromStart = new LinkedHashMap<>();
        fromStart.put("products", null);
        fromStart.put("clients", null);
        fromStart.put("orderStatuses", null);
        // the entities in their order, and 1C's order statuses after them in every run
        fixture.given(configured()).when(new StartOnecSync(TENANT, "toshkent", "r1", "MANUAL", List.of("clients", "products"), false))
                .expectEvents(started("r1", List.of("products", "clients", "orderStatuses"), false)).expectResultMessagePayload(fromStart);
        assertThat(links.running).containsEntry("toshkent", "r1");
        fixture.given(configured(), started("r1", List.of("clients"), false))
                .when(new StartOnecSync(TENANT, "toshkent", "r2", "SCHEDULE", List.of("clients"), false))
                .expectNoEvents().expectException(refused("SYNC_RUNNING", Map.of("runId", "r1")));
        // the running run resumed (its instance stopped): where its entities continue, nothing appended
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", true))
                .when(new StartOnecSync(TENANT, "toshkent", "r1", "RESUME", List.of("clients"), false))
                .expectNoEvents().expectResultMessagePayload(Map.of("clients", "100"));
        // the next run continues from the cursor; a full one from the start
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "250", false),
                        new OnecSyncFinished(TENANT, "toshkent", "r1", "SUCCEEDED", List.of(), List.of(), NOW))
                .when(new StartOnecSync(TENANT, "toshkent", "r2", "MANUAL", List.of("clients"), false))
                .expectResultMessagePayload(withStatuses(Map.of("clients", "250")));
        Map<String, String> full = new HashMap<>();
        full.put("clients", null);
        full.put("orderStatuses", null);
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "250", false),
                        new OnecSyncFinished(TENANT, "toshkent", "r1", "SUCCEEDED", List.of(), List.of(), NOW))
                .when(new StartOnecSync(TENANT, "toshkent", "r2", "MANUAL", List.of("clients"), true))
                .expectResultMessagePayload(full);
        fixture.given(configured()).when(new StartOnecSync(TENANT, "toshkent", "r1", "MANUAL", List.of("orders"), false))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
    }

    @Test
    void anEmptyCursorIsTheStartAResumeStartsNothingNewAndUnlinkingEndsTheRun() {
        List<OnecCall> calls = List.of();
        // 1C answered an empty next (no changes yet): the page after it starts at the start again
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "", true))
                .when(new Page("r1", null, "5", false, calls))
                .expectEvents(new OnecPageApplied(TENANT, "toshkent", "r1", "clients", "5", false, new OnecCounts(100, 100, 0, 0, 0, 0),
                        calls, List.of()));
        // a resume that comes after its run ended starts nothing
        fixture.given(configured(), started("r1", List.of("clients"), false),
                        new OnecSyncFinished(TENANT, "toshkent", "r1", "SUCCEEDED", List.of(), List.of(), NOW))
                .when(new StartOnecSync(TENANT, "toshkent", "r1", StartOnecSync.RESUME, List.of("clients"), false))
                .expectNoEvents().expectException(refused("RUN_NOT_RUNNING"));
        // unlinked while a run runs: the run ends, and its later pages are refused
        fixture.given(configured(), started("r1", List.of("clients"), false)).when(new RemoveOnecLink(TENANT, "toshkent"))
                .expectEvents(new OnecSyncFinished(TENANT, "toshkent", "r1", "FAILED", List.of(),
                        List.of(new OnecError("UNLINKED", null, "The project was unlinked from 1C during the run")), NOW),
                        new OnecLinkRemoved(TENANT, "toshkent"));
        fixture.given(configured(), started("r1", List.of("clients"), false), new OnecLinkRemoved(TENANT, "toshkent"))
                .when(new Page("r1", null, "100", true, calls)).expectNoEvents().expectException(refused("RUN_NOT_RUNNING"));
    }

    static Map<String, String> withStatuses(Map<String, String> cursors) {
        Map<String, String> all = new LinkedHashMap<>(cursors);
        all.put("orderStatuses", null);
        return all;
    }

    @Test
    void aPageIsAppliedOnceFromTheCursorAndTheRunEndsAsItsPagesWent() {
        List<OnecCall> calls = List.of(new OnecCall("GetClients", "PRIMARY", 5, "OK", null));
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", true))
                .when(new Page("r1", "100", "200", true, calls))
                .expectEvents(new OnecPageApplied(TENANT, "toshkent", "r1", "clients", "200", true, new OnecCounts(100, 100, 0, 0, 0, 0),
                        calls, List.of()));
        // the same page again (from the old cursor), another run's, or one after the entity's last
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", true))
                .when(new Page("r1", null, "100", true, calls)).expectNoEvents().expectException(refused("PAGE_OUT_OF_ORDER"));
        fixture.given(configured(), started("r1", List.of("clients"), false))
                .when(new Page("r0", null, "100", true, calls)).expectNoEvents().expectException(refused("RUN_NOT_RUNNING"));
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", false))
                .when(new Page("r1", "100", "200", false, calls)).expectNoEvents().expectException(refused("PAGE_OUT_OF_ORDER"));

        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", false))
                .when(new FinishOnecSync(TENANT, "toshkent", "r1", false, List.of(), List.of()))
                .expectEvents(new OnecSyncFinished(TENANT, "toshkent", "r1", "SUCCEEDED", List.of(), List.of(), NOW));
        List<OnecError> skipped = List.of(new OnecError("NOT_SUPPORTED", null, "stock"));
        fixture.given(configured(), started("r1", List.of("clients"), false))
                .when(new FinishOnecSync(TENANT, "toshkent", "r1", false, List.of(), skipped))
                .expectEvents(new OnecSyncFinished(TENANT, "toshkent", "r1", "PARTIAL", List.of(), skipped, NOW));
        List<OnecCall> failed = List.of(new OnecCall("GetClients", "PRIMARY", 2000, "FAILED", "timeout"),
                new OnecCall("GetClients", "ALTERNATIVE", 1, "FAILED", "refused"));
        List<OnecError> why = List.of(new OnecError("UNAVAILABLE", null, "1C is unavailable"));
        fixture.given(configured(), started("r1", List.of("clients"), false), page("r1", "100", true))
                .when(new FinishOnecSync(TENANT, "toshkent", "r1", true, failed, why))
                .expectEvents(new OnecSyncFinished(TENANT, "toshkent", "r1", "FAILED", failed, why, NOW));
        // finished once
        fixture.given(configured(), started("r1", List.of("clients"), false),
                        new OnecSyncFinished(TENANT, "toshkent", "r1", "FAILED", failed, why, NOW))
                .when(new FinishOnecSync(TENANT, "toshkent", "r1", true, failed, why)).expectNoEvents();
    }

    /** A page of clients as the page import hands it to the link, which it loads in its own unit of work. */
    record Page(String runId, String since, String cursor, boolean more, List<OnecCall> calls) {
    }

    /** What the page import does with the link (the import's other work, the items, is the system tests'). */
    static final class PageImport {
        private final AggregateTestFixture<OnecLink> fixture;

        PageImport(AggregateTestFixture<OnecLink> fixture) {
            this.fixture = fixture;
        }

        @org.axonframework.commandhandling.CommandHandler
        void handle(Page p) throws Exception {
            fixture.getRepository().load(uz.hisob.api.onec.OnecIds.link(TENANT, "toshkent")).execute(l -> l.pageApplied(p.runId(), "clients",
                    p.since(), p.cursor(), p.more(), new OnecCounts(100, 100, 0, 0, 0, 0), p.calls(), List.of()));
        }
    }
}
