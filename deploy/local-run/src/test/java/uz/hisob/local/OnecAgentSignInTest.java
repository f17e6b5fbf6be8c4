package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecStandIn;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.post;

/**
 * Agents signing in through 1C (onec.md): the password 1C knows, checked with its {@code Authenticate} with failover;
 * with both endpoints down, the one 1C accepted within 7 days, else 503.
 */
class OnecAgentSignInTest extends SystemTestSupport {

    private static OnecStandIn onec;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final OnecStandIns ONEC = new OnecStandIns(OnecBase::new, s -> onec = s);

    static WebTestClient.ResponseSpec signIn(String username, String password) {
        return commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    @Test
    void anAgentSignsInWithThePasswordOnecKnowsAndWithTheLastOneItAcceptedWhileItIsDown() {
        String project = uniqueId("onec");
        Map<String, Object> link = OnecSyncTest.link(onec, "parol-1c");
        link.put("authenticateAgents", true);
        post("admin", "/api/projects", Map.of("id", project, "name", "1C", "onec", link), 201);
        String user = uniqueId("agent");
        post("manager", "/api/projects/" + project + "/agents", Map.of("id", project + "-a", "username", user, "password", "hisob-parol-1",
                "name", "Azizbek", "onecCode", "A-" + project), 201);
        onec.base().putUser(new OnecBase.User(user, "1c-parol-7", "A-" + project, "Azizbek Karimov"));
        // an agent of a project not signing in through 1C keeps Hisob's password
        String other = uniqueId("agent");
        post("manager", "/api/projects/" + OnecSyncTest.linkedProject(onec, "parol-1c") + "/agents", Map.of("username", other,
                "password", "hisob-parol-2", "name", "Vali"), 201);
        signIn(other, "hisob-parol-2").expectStatus().isOk();

        // 1C's password, not Hisob's
        int before = onec.calls(OnecStandIn.Endpoint.PRIMARY, "Authenticate");
        Map<?, ?> tokens = signIn(user, "1c-parol-7").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) tokens.get("access_token")).isNotBlank();
        assertThat(onec.calls(OnecStandIn.Endpoint.PRIMARY, "Authenticate")).isEqualTo(before + 1);
        signIn(user, "hisob-parol-1").expectStatus().isUnauthorized();
        // only a slow hash is kept
        String kept = eventsDb().queryForObject("SELECT p.password_hash FROM onec_agent_passwords p JOIN users u ON u.id = p.user_id "
                + "WHERE u.username = ?", String.class, user);
        assertThat(kept).startsWith("$2").doesNotContain("1c-parol-7");

        // the primary down: the alternative answers
        onec.down(OnecStandIn.Endpoint.PRIMARY);
        try {
            signIn(user, "1c-parol-7").expectStatus().isOk();
            // both down: the password 1C accepted stands in; another cannot be told, so 503
            onec.down(OnecStandIn.Endpoint.ALTERNATIVE);
            signIn(user, "1c-parol-7").expectStatus().isOk();
            Map<?, ?> unavailable = signIn(user, "guessed").expectStatus().isEqualTo(503).expectBody(Map.class).returnResult().getResponseBody();
            assertThat(unavailable.get("code")).isEqualTo("UNAVAILABLE");
            // accepted more than 7 days ago: no longer
            eventsDb().update("UPDATE onec_agent_passwords SET accepted_at = now() - interval '8 days' WHERE user_id = "
                    + "(SELECT id FROM users WHERE username = ?)", user);
            signIn(user, "1c-parol-7").expectStatus().isEqualTo(503);
        } finally {
            onec.clear(OnecStandIn.Endpoint.PRIMARY);
            onec.clear(OnecStandIn.Endpoint.ALTERNATIVE);
        }
        // 1C up again (once the circuits the failures opened let a trial call through: 3 s here, 30 s by default), and the
        // password changed there: the old one is refused, and forgotten
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(3100)).until(() -> true);
        onec.base().putUser(new OnecBase.User(user, "1c-parol-8", "A-" + project, "Azizbek Karimov"));
        signIn(user, "1c-parol-7").expectStatus().isUnauthorized();
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM onec_agent_passwords p JOIN users u ON u.id = p.user_id WHERE u.username = ?",
                Long.class, user)).isZero();
        signIn(user, "1c-parol-8").expectStatus().isOk();
        // a 1C login of another agent is refused
        onec.base().putUser(new OnecBase.User(user, "1c-parol-8", "A-someone-else", "Boshqa"));
        post("manager", "/api/projects/" + project + "/agents", Map.of("id", project + "-b", "username", uniqueId("agent"),
                "password", "hisob-parol-3", "name", "Boshqa", "onecCode", "A-someone-else"), 201);
        signIn(user, "1c-parol-8").expectStatus().isUnauthorized();
    }
}
