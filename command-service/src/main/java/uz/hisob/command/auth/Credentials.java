package uz.hisob.command.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks usernames and passwords against the {@code users} table (blocking: call it off the event loop). */
@Component
public class Credentials {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    public Credentials(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
    }

    /** The user, when the password matches; an unknown user costs the same bcrypt work as a known one. */
    public Optional<UserAccount> verify(String username, String password) {
        List<Row> rows = jdbc.query("SELECT id, tenant, username, password_hash, roles FROM users WHERE username = ?",
                (rs, i) -> new Row(account(rs), rs.getString("password_hash")), username);
        if (rows.isEmpty()) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        Row row = rows.getFirst();
        return passwords.matches(password, row.hash()) ? Optional.of(row.account()) : Optional.empty();
    }

    public Optional<UserAccount> byId(UUID id) {
        return jdbc.query("SELECT id, tenant, username, roles FROM users WHERE id = ?", (rs, i) -> account(rs), id)
                .stream().findFirst();
    }

    static UserAccount account(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("username"),
                Arrays.asList((String[]) roles.getArray()));
    }

    private record Row(UserAccount account, String hash) {
    }
}
