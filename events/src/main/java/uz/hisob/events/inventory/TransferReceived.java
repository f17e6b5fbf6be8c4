package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The destination confirmed what arrived of a transfer (recorded by the source, which dispatched it):
 * {@code lost = sent − received} per line is the transfer's loss. The destination's stock grows by
 * {@link TransferArrived}.
 */
@Revision("1")
public record TransferReceived(String fromLocationId, String transferId, String toLocationId, List<Line> lines) {

    /** One product of the transfer. */
    public record Line(String productId, long sent, long received, long lost) {
    }
}
