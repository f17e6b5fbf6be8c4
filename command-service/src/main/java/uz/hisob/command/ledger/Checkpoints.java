package uz.hisob.command.ledger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.command.auth.SigningKeys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed checkpoints of the tenants' chains (audit.md "Checkpoints"): where a chain stood (its head's position, hash
 * and length) when it was issued, as a compact JWS (RS256) with the key of {@code /.well-known/jwks.json}. An auditor
 * who keeps one elsewhere can later prove that the chain still passes through it, which a chain rewritten consistently
 * from an earlier point does not. Issued for every tenant whose chain grew, at most {@code hisob.ledger.checkpoint-every}
 * after its previous one (5 minutes; the contract asks for at least every 10).
 */
@Component
public class Checkpoints {

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration every;
    private long nextCheck = System.nanoTime();

    public Checkpoints(JdbcTemplate jdbc, SigningKeys keys, JsonMapper json, Clock clock,
                       @Value("${hisob.ledger.checkpoint-every:PT5M}") Duration every) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.every = every;
    }

    /** Issues the checkpoints that are due; looks at most every tenth of the period (30 s at most). */
    public void issueDue() {
        if (System.nanoTime() - nextCheck < 0) {
            return;
        }
        nextCheck = System.nanoTime() + Math.min(every.toNanos() / 10, Duration.ofSeconds(30).toNanos());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> due = jdbc.query("SELECT h.tenant, h.tenant_seq, h.hash, h.global_index FROM ledger_head h WHERE h.tenant_seq > 0 "
                        + "AND NOT EXISTS (SELECT 1 FROM ledger_checkpoint c WHERE c.tenant = h.tenant "
                        + "AND (c.tenant_seq >= h.tenant_seq OR c.issued_at > ?))",
                (rs, i) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)},
                Timestamp.from(now.minus(every)));
        for (Object[] head : due) {
            issue((String) head[0], (Long) head[1], (String) head[2], (Long) head[3], now);
        }
    }

    private void issue(String tenant, long seq, String hash, long position, Instant issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("tenant", tenant);
        claims.put("position", position);
        claims.put("headHash", "sha256:" + hash);
        claims.put("eventsSealed", seq);
        claims.put("issuedAt", issuedAt.toString());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.key().getKeyID())
                .type(new JOSEObjectType(uz.hisob.platform.axon.LedgerHash.CHECKPOINT_TYPE)).build(), new Payload(json.writeValueAsString(claims)));
        try {
            jws.sign(new RSASSASigner(keys.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a ledger checkpoint", e);
        }
        jdbc.update("INSERT INTO ledger_checkpoint (tenant, tenant_seq, global_index, head_hash, issued_at, jws) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", tenant, seq, position, hash, Timestamp.from(issuedAt), jws.serialize());
    }
}
