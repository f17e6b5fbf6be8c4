package uz.hisob.query.kitchen.report;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.stereotype.Component;
import uz.hisob.api.TenantScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Replays one kitchen's events straight from the event store (never from read models), in order, streamed in
 * batches by the storage engine, ignoring every event recorded after {@code asKnownAt}. Computes the input digest: a
 * SHA-256 over each replayed event's id, sequence, recorded time, type and payload.
 */
@Component
public class KitchenReplay {

    private final EventStorageEngine events;
    private final Serializer serializer;

    public KitchenReplay(EventStorageEngine events, Serializer serializer) {
        this.events = events;
        this.serializer = serializer;
    }

    /** What a replay saw. */
    public record Replayed(long events, String inputDigest) {
    }

    public Replayed replay(String tenant, String kitchenId, Instant asKnownAt, Consumer<Object> into) {
        MessageDigest digest = sha256();
        long count = 0;
        // events of one aggregate are read by sequence number; from the first, never from a snapshot
        DomainEventStream stream = events.readEvents(TenantScoped.aggregateId(tenant, kitchenId), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> e = stream.next();
            if (e.getTimestamp().isAfter(asKnownAt)) {
                continue;
            }
            count++;
            digest.update((e.getIdentifier() + '\n' + e.getSequenceNumber() + '\n' + e.getTimestamp() + '\n'
                    + e.getPayloadType().getName() + '\n').getBytes(StandardCharsets.UTF_8));
            // the payload as stored: a message read from the store hands back its serialized form without
            // serializing the payload again (same serializer), so the digest costs a hash, not a JSON write
            digest.update(e.serializePayload(serializer, byte[].class).getData());
            digest.update((byte) '\n');
            into.accept(e.getPayload());
        }
        return new Replayed(count, "sha256:" + HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
