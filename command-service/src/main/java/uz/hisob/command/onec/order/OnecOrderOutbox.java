package uz.hisob.command.onec.order;

import uz.hisob.api.onec.OnecOrderDraft;

import java.time.Instant;
import java.util.List;

/**
 * The orders on their way to 1C ({@code onec_order_outbox}, V21): what to send and when next, written by
 * {@link OnecOrder} in the transaction of its events; {@link OnecOrderSender} takes the due ones.
 */
public interface OnecOrderOutbox {

    /** An order due to be sent. */
    record Due(String tenant, String orderId, String projectId, OnecOrderDraft draft, int attempts) {
    }

    void queued(String tenant, String orderId, String projectId, OnecOrderDraft draft);

    /** Sent, or refused: no longer due. */
    void done(String tenant, String orderId, String state);

    /** Due again at {@code at}. */
    void retryAt(String tenant, String orderId, Instant at);

    /**
     * Up to {@code limit} due orders, each leased to this caller for {@code lease} (another instance skips them until
     * the lease ends, and takes them over if this one dies).
     */
    List<Due> take(int limit, java.time.Duration lease);
}
