package uz.hisob.api.users;

import java.util.List;

/** Creates a user in a tenant; the password arrives already hashed (bcrypt) and is never put into an event. */
public record CreateUser(String tenant, String userId, String username, String passwordHash, List<String> roles) {

    @Override
    public String toString() {
        return "CreateUser[tenant=" + tenant + ", userId=" + userId + ", username=" + username + ", roles=" + roles + "]";
    }
}
