package uz.hisob.command.onec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link OnecSecrets}: the passwords of the projects' 1C links (the web service's and the CommerceML exchange's), encrypted with AES-GCM
 * under a key derived from {@code hisob.onec.secret-key} (PBKDF2), in {@code onec_secrets} (V18) beside the event
 * store and never in an event. Written in the transaction of the link's command; read by the runner when it calls
 * 1C. Without a key, no project can be linked.
 */
@Component
public class JdbcOnecSecrets implements OnecSecrets {

    private final JdbcTemplate jdbc;
    private final TextEncryptor encryptor;
    private final byte[] macKey;

    public JdbcOnecSecrets(JdbcTemplate jdbc, @Value("${hisob.onec.secret-key:}") String key) {
        this.jdbc = jdbc;
        this.encryptor = key.isBlank() ? null : Encryptors.delux(key, salt(key));
        this.macKey = key.isBlank() ? null : sha256("hisob-onec-mac:" + key);
    }

    @Override
    public boolean configured() {
        return encryptor != null;
    }

    @Override
    public byte[] derive(String input) {
        if (macKey == null) {
            throw CommandRefused.conflict("NOT_CONFIGURED", "hisob.onec.secret-key is not set");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(macKey, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Stored store(String tenant, String projectId, String password, String exchangePassword) {
        if (encryptor == null) {
            throw CommandRefused.conflict("NOT_CONFIGURED", "hisob.onec.secret-key is not set: 1C passwords cannot be stored");
        }
        jdbc.update("""
                INSERT INTO onec_secrets (tenant, project_id, password, exchange_password) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant, project_id) DO UPDATE SET password = coalesce(EXCLUDED.password, onec_secrets.password),
                    exchange_password = coalesce(EXCLUDED.exchange_password, onec_secrets.exchange_password)""",
                tenant, projectId, password == null ? null : encryptor.encrypt(password),
                exchangePassword == null ? null : encryptor.encrypt(exchangePassword));
        return jdbc.queryForObject("SELECT password IS NOT NULL, exchange_password IS NOT NULL FROM onec_secrets WHERE tenant = ? AND project_id = ?",
                (rs, n) -> new Stored(rs.getBoolean(1), rs.getBoolean(2)), tenant, projectId);
    }

    @Override
    public void erase(String tenant, String projectId) {
        jdbc.update("DELETE FROM onec_secrets WHERE tenant = ? AND project_id = ?", tenant, projectId);
    }

    @Override
    public Optional<Plain> read(String tenant, String projectId) {
        if (encryptor == null) {
            return Optional.empty();
        }
        List<Plain> rows = jdbc.query("SELECT password, exchange_password FROM onec_secrets WHERE tenant = ? AND project_id = ?",
                (rs, n) -> new Plain(decrypt(rs.getString(1)), decrypt(rs.getString(2))), tenant, projectId);
        return rows.stream().findFirst();
    }

    private String decrypt(String cipher) {
        return cipher == null ? null : encryptor.decrypt(cipher);
    }

    /** A salt of the key's own (hex): the same key derives the same AES key on every instance. */
    private static String salt(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("hisob-onec:" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
