package uz.hisob.command.users;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.CommandRefused;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code users} table as command handlers write it, in the command's transaction: a user with its roles and the
 * scope claims of its tokens, and whether it may sign in. Credentials never enter an event.
 */
@Component
public class UserAccounts {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public UserAccounts(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the user; a taken username is 409 {@code ALREADY_EXISTS}. */
    public void create(String tenant, String userId, String username, String passwordHash, List<String> roles,
                       Map<String, String> scopes) {
        try {
            jdbc.update("INSERT INTO users (id, tenant, username, password_hash, roles, scopes) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                    UUID.fromString(userId), tenant, username, passwordHash, roles.toArray(new String[0]),
                    json.writeValueAsString(scopes));
        } catch (DuplicateKeyException e) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This username is taken");
        }
    }

    /** Whether the tenant's user with these scope claims (an agent of a project) may sign in; empty if there is none. */
    public java.util.Optional<Boolean> activeWithScopes(String tenant, Map<String, String> scopes) {
        return jdbc.queryForList("SELECT active FROM users WHERE tenant = ? AND scopes @> ?::jsonb", Boolean.class,
                tenant, json.writeValueAsString(scopes)).stream().findFirst();
    }

    /** Lets the user sign in, or not (its refresh tokens stop working too). */
    public void setActive(String tenant, String userId, boolean active) {
        jdbc.update("UPDATE users SET active = ? WHERE tenant = ? AND id = ?", active, tenant, UUID.fromString(userId));
    }
}
