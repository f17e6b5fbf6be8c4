package uz.hisob.command.auth;

import java.util.List;
import java.util.UUID;

/** A user as the token issuer sees it. */
public record UserAccount(UUID id, String tenant, String username, List<String> roles) {
}
