package uz.hisob.command.auth;

import java.util.Optional;

/**
 * Another system that decides some users' passwords (a context contributes one: the 1C link checks its agents'
 * passwords with 1C). {@link Credentials} asks each for an active user before checking the password it keeps.
 */
public interface PasswordAuthority {

    /** What the authority decided of a password. */
    enum Decision {
        ACCEPTED,
        REFUSED,
        /** the authority could not be asked, and no earlier answer of it may stand in: 503 */
        UNAVAILABLE
    }

    /** The decision on {@code password} for {@code user}, or empty when this authority does not decide for the user. */
    Optional<Decision> decide(UserAccount user, String password);
}
