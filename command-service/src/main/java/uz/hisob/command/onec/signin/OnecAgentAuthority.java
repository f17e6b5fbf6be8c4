package uz.hisob.command.onec.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uz.hisob.api.onec.exchange.Authenticate;
import uz.hisob.api.onec.exchange.AuthenticateResponse;
import uz.hisob.command.auth.PasswordAuthority;
import uz.hisob.command.auth.UserAccount;
import uz.hisob.command.field.AgentKeys;
import uz.hisob.command.onec.OnecClient;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.events.field.FieldRoles;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Agents of a project whose link says {@code authenticateAgents} sign in with the password 1C knows (onec.md): it is
 * checked with 1C's {@code Authenticate}, with the link's failover. 1C's yes signs the agent in, and Hisob keeps a
 * bcrypt hash of that password with the time (never the password); 1C's no is 401 (and forgets that hash when it is of
 * the password refused: changed in 1C). When neither endpoint answers, a
 * password 1C accepted within the last 7 days is accepted by its hash; any other is 503 {@code UNAVAILABLE}, since
 * Hisob cannot tell. An answer naming another agent (1C's {@code agentCode} is not this agent's 1C code) is a no.
 */
@Component
public class OnecAgentAuthority implements PasswordAuthority {

    /** How long a password 1C accepted stands in for 1C while it cannot be reached. */
    static final Duration OFFLINE = Duration.ofDays(7);
    static final int SIGN_IN_TIMEOUT_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(OnecAgentAuthority.class);

    private final OnecLinks links;
    private final OnecSecrets secrets;
    private final OnecClient client;
    private final AgentKeys agents;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public OnecAgentAuthority(OnecLinks links, OnecSecrets secrets, OnecClient client, AgentKeys agents, JdbcTemplate jdbc,
                              PasswordEncoder passwords, Clock clock) {
        this.links = links;
        this.secrets = secrets;
        this.client = client;
        this.agents = agents;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public Optional<Decision> decide(UserAccount user, String password) {
        String project = user.scopes().get(FieldRoles.PROJECT_CLAIM);
        if (!user.roles().contains(FieldRoles.AGENT) || project == null) {
            return Optional.empty();
        }
        Optional<OnecLinks.Row> link = links.find(user.tenant(), project).filter(l -> l.settings().authenticateAgents());
        Optional<OnecSecrets.Plain> secret = link.isEmpty() ? Optional.empty() : secrets.read(user.tenant(), project);
        if (link.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        var s = link.get().settings();
        // a sign-in answers within seconds (common.md): 2 s per endpoint at most, whatever the link's timeout for syncs
        OnecClient.Target target = new OnecClient.Target(user.tenant(), project, s.wsdlUrl(), s.alternativeWsdlUrl(), s.username(),
                secret.get().password(), Duration.ofSeconds(Math.min(s.timeoutSeconds(), SIGN_IN_TIMEOUT_SECONDS)));
        Authenticate request = new Authenticate();
        request.setLogin(user.username());
        request.setPassword(password);
        AuthenticateResponse answer;
        try {
            answer = client.call(target, "Authenticate", request, AuthenticateResponse.class).value();
        } catch (OnecClient.Unavailable | OnecClient.Refused e) {
            // a Client fault or a 4xx is 1C refusing Hisob's call, not this agent: neither can decide the password
            log.info("1C could not check the password of agent {} of {}/{}: {}", user.username(), user.tenant(), project, e.getMessage());
            return Optional.of(offline(user, password));
        }
        String agentId = user.scopes().get(FieldRoles.AGENT_CLAIM);
        // 1C's yes is for this agent: its own 1C code, when it has one, is the one 1C answers
        Optional<String> ownCode = agents.codeOf(user.tenant(), project, agentId);
        boolean ok = answer.isOk() && (ownCode.isEmpty() ? answer.getAgentCode() == null
                || agents.agentByCode(user.tenant(), project, answer.getAgentCode()).map(a -> a.equals(agentId)).orElse(true)
                : ownCode.get().equals(answer.getAgentCode()));
        if (!ok) {
            // a password 1C no longer accepts no longer stands in for it (a wrong guess leaves the right one be)
            if (stored(user).filter(row -> passwords.matches(password, row[0])).isPresent()) {
                jdbc.update("DELETE FROM onec_agent_passwords WHERE user_id = ?", user.id());
            }
            return Optional.of(Decision.REFUSED);
        }
        jdbc.update("""
                INSERT INTO onec_agent_passwords (user_id, tenant, password_hash, accepted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, accepted_at = EXCLUDED.accepted_at""",
                user.id(), user.tenant(), passwords.encode(password), Timestamp.from(clock.instant()));
        return Optional.of(Decision.ACCEPTED);
    }

    /** 1C cannot be asked: the password it accepted within the last 7 days, or nothing. */
    private Decision offline(UserAccount user, String password) {
        Optional<String[]> row = stored(user);
        if (row.isEmpty() || Instant.parse(row.get()[1]).isBefore(clock.instant().minus(OFFLINE))) {
            return Decision.UNAVAILABLE;
        }
        return passwords.matches(password, row.get()[0]) ? Decision.ACCEPTED : Decision.UNAVAILABLE;
    }

    /** The hash of the password 1C last accepted, and when. */
    private Optional<String[]> stored(UserAccount user) {
        List<String[]> rows = jdbc.query("SELECT password_hash, accepted_at FROM onec_agent_passwords WHERE user_id = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getTimestamp(2).toInstant().toString()}, user.id());
        return rows.stream().findFirst();
    }
}
