package uz.hisob.events.users;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A user was given access with these roles. Credentials never enter the ledger. */
@Revision("1")
public record UserCreated(String userId, String username, List<String> roles) {
}
