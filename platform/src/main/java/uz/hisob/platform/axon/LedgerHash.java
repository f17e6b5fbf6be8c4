package uz.hisob.platform.axon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ledger's hash function, shared by the writer (command side) and the verifier (query side):
 * {@code SHA-256(previousHash ‖ canonical bytes)}, where the canonical bytes are the stored event's id, type,
 * revision, aggregate, sequence, recorded time, metadata (which names the user) and payload, each prefixed with its
 * length so that no two different events encode alike.
 */
public final class LedgerHash {

    /**
     * The JWS {@code typ} of a signed checkpoint of a tenant's chain (audit.md "Checkpoints"), issued by the command
     * side and checked by the query side: a checkpoint is no access token (and carries no issuer, so no resource
     * server takes it as one).
     */
    public static final String CHECKPOINT_TYPE = "hisob-checkpoint+jws";

    /** The previous hash of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);

    private LedgerHash() {
    }

    /** One stored event, as the event table holds it. */
    public record StoredEvent(String eventIdentifier, String payloadType, String payloadRevision, String aggregateIdentifier,
                              long sequenceNumber, String timeStamp, byte[] metaData, byte[] payload) {
    }

    public static String next(String previousHash, StoredEvent e) {
        MessageDigest sha = sha256();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        field(sha, e.eventIdentifier());
        field(sha, e.payloadType());
        field(sha, e.payloadRevision());
        field(sha, e.aggregateIdentifier());
        field(sha, Long.toString(e.sequenceNumber()));
        field(sha, e.timeStamp());
        field(sha, e.metaData());
        field(sha, e.payload());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String s) {
        field(sha, s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest sha, byte[] bytes) {
        byte[] b = bytes == null ? new byte[0] : bytes;
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
