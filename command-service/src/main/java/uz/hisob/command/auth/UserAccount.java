package uz.hisob.command.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user as the token issuer sees it; {@code scopes} become claims of its tokens (an agent's project and agent). */
public record UserAccount(UUID id, String tenant, String username, List<String> roles, Map<String, String> scopes) {

    public UserAccount {
        scopes = Map.copyOf(scopes);
    }

    public UserAccount(UUID id, String tenant, String username, List<String> roles) {
        this(id, tenant, username, roles, Map.of());
    }
}
