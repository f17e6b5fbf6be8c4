package uz.hisob.command.auth;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.web.ApiException;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Checks usernames and passwords against the {@code users} table (an inactive user signs in as nobody) (blocking: call it off the event loop). */
@Component
public class Credentials {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final JsonMapper json;
    private final String dummyHash;
    private final List<PasswordAuthority> authorities;

    public Credentials(JdbcTemplate jdbc, PasswordEncoder passwords, JsonMapper json, List<PasswordAuthority> authorities) {
        this.jdbc = jdbc;
        this.authorities = List.copyOf(authorities);
        this.json = json;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
    }

    /**
     * The user, when the password matches; an unknown user costs the same bcrypt work as a known one. For a user
     * another system decides ({@link PasswordAuthority}) its decision stands; it being unavailable is a 503.
     */
    public Optional<UserAccount> verify(String username, String password) {
        List<Row> rows = jdbc.query("SELECT id, tenant, username, password_hash, roles, scopes::text AS scopes, active FROM users WHERE username = ?",
                (rs, i) -> new Row(account(rs), rs.getString("password_hash"), rs.getBoolean("active")), username);
        if (rows.isEmpty()) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        Row row = rows.getFirst();
        if (row.active()) {
            for (PasswordAuthority authority : authorities) {
                Optional<PasswordAuthority.Decision> decision = authority.decide(row.account(), password);
                if (decision.isPresent()) {
                    return switch (decision.get()) {
                        case ACCEPTED -> Optional.of(row.account());
                        case REFUSED -> Optional.empty();
                        case UNAVAILABLE -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
                                "The system that checks this user's password cannot be reached; try again later");
                    };
                }
            }
        }
        // an inactive user's password is checked all the same: the answer takes as long as for an active one
        return passwords.matches(password, row.hash()) && row.active() ? Optional.of(row.account()) : Optional.empty();
    }

    public Optional<UserAccount> byId(UUID id) {
        return jdbc.query("SELECT id, tenant, username, roles, scopes::text AS scopes FROM users WHERE id = ? AND active", (rs, i) -> account(rs), id)
                .stream().findFirst();
    }

    private UserAccount account(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        Map<String, String> scopes = json.readValue(rs.getString("scopes"), new TypeReference<Map<String, String>>() { });
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("username"),
                Arrays.asList((String[]) roles.getArray()), scopes);
    }

    private record Row(UserAccount account, String hash, boolean active) {
    }
}
