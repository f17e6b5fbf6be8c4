package uz.hisob.command.onec;

import java.util.Optional;

/**
 * The passwords of the projects' 1C links (the web service's and the CommerceML exchange's), kept encrypted beside
 * the event store, never in an event ({@link JdbcOnecSecrets}); written in the transaction of the link's command.
 */
public interface OnecSecrets {

    /** Whether each password is set once the command's change is made. */
    record Stored(boolean passwordSet, boolean exchangePasswordSet) {
    }

    /** The decrypted passwords of a link ({@code exchangePassword} may be null). */
    record Plain(String password, String exchangePassword) {
        @Override
        public String toString() {
            return "Plain[***]";
        }
    }

    /** Sets the passwords given (null keeps the stored one) and answers which are set. */
    Stored store(String tenant, String projectId, String password, String exchangePassword);

    void erase(String tenant, String projectId);

    Optional<Plain> read(String tenant, String projectId);

    /**
     * 32 bytes only this installation can make from {@code input} (HMAC-SHA256 under a key derived from the secret
     * key): a secret that can be made again instead of kept.
     */
    byte[] derive(String input);

    /** Whether a secret key is set (without one no password can be stored). */
    boolean configured();
}
