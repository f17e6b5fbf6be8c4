package uz.hisob.command.onec;

import java.util.Optional;

/**
 * The keys 1C calls {@code notify} with, by their SHA-256 (a key is 256 random bits: a fast hash is as good as a slow
 * one, and each call is checked at once) in {@code onec_api_keys} (V19), written in the transaction of the link's
 * events ({@link JdbcOnecApiKeys}).
 */
public interface OnecApiKeys {

    /** Whose a valid key is. */
    record Owner(String tenant, String projectId, String keyId) {
    }

    void issued(String tenant, String projectId, String keyId, String keyHash);

    void revoked(String tenant, String projectId, String keyId);

    /** The project a key (not revoked) opens. */
    Optional<Owner> owner(String keyHash);
}
