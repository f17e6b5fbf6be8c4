package uz.hisob.query.ledger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uz.hisob.platform.web.ApiException;

import java.net.URI;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Checks a checkpoint an auditor brings back ({@code verify?checkpoint=}): a compact JWS signed RS256 by a key of
 * the command-service's key set ({@code hisob.security.jwk-set-uri}, fetched and cached as for access tokens), of
 * type {@code hisob-checkpoint+jws}, for the caller's tenant. Anything else is a 400 on {@code checkpoint}: a
 * statement the service never signed proves nothing about the chain. Blocking (the key set may be fetched): call it
 * off the event loop.
 */
@Component
public class CheckpointVerifier {

    private final JWKSource<SecurityContext> keys;

    public CheckpointVerifier(@Value("${hisob.security.jwk-set-uri}") String jwkSetUri) throws MalformedURLException {
        this.keys = JWKSourceBuilder.create(URI.create(jwkSetUri).toURL()).retrying(true).build();
    }

    public Ledger.Checkpoint verify(String jws, String tenant) {
        JWSObject object;
        try {
            object = JWSObject.parse(jws);
        } catch (ParseException e) {
            throw ApiException.invalid("checkpoint", "is not a compact JWS");
        }
        if (!JWSAlgorithm.RS256.equals(object.getHeader().getAlgorithm()) || object.getHeader().getType() == null
                || !uz.hisob.platform.axon.LedgerHash.CHECKPOINT_TYPE.equals(object.getHeader().getType().getType())) {
            throw ApiException.invalid("checkpoint", "is not a ledger checkpoint (RS256, typ " + uz.hisob.platform.axon.LedgerHash.CHECKPOINT_TYPE + ")");
        }
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(object.getHeader().getKeyID()).build()), null);
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("The key set could not be read", e);
        }
        boolean signed = false;
        for (JWK key : candidates) {
            try {
                if (key instanceof RSAKey rsa && object.verify(new RSASSAVerifier(rsa))) {
                    signed = true;
                    break;
                }
            } catch (JOSEException e) {
                // not this key
            }
        }
        if (!signed) {
            throw ApiException.invalid("checkpoint", "is not signed by a key of this service");
        }
        Map<String, Object> claims = object.getPayload().toJSONObject();
        if (claims == null || !tenant.equals(claims.get("tenant")) || !(claims.get("position") instanceof Number position)
                || !(claims.get("eventsSealed") instanceof Number sealed) || !(claims.get("headHash") instanceof String hash)) {
            throw ApiException.invalid("checkpoint", "is not a checkpoint of this tenant's chain");
        }
        return new Ledger.Checkpoint(tenant, position.longValue(), hash, sealed.longValue(), String.valueOf(claims.get("issuedAt")));
    }
}
