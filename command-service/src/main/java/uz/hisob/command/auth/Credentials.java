package uz.hisob.command.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

    public Credentials(JdbcTemplate jdbc, PasswordEncoder passwords, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
    }

    /** The user, when the password matches; an unknown user costs the same bcrypt work as a known one. */
    public Optional<UserAccount> verify(String username, String password) {
        List<Row> rows = jdbc.query("SELECT id, tenant, username, password_hash, roles, scopes::text AS scopes, active FROM users WHERE username = ?",
                (rs, i) -> new Row(account(rs), rs.getString("password_hash"), rs.getBoolean("active")), username);
        if (rows.isEmpty()) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        Row row = rows.getFirst();
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
