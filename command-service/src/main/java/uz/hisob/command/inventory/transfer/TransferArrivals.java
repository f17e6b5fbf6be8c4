package uz.hisob.command.inventory.transfer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.BookTransferArrival;
import uz.hisob.api.inventory.Line;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.events.inventory.TransferReceived;

import java.util.List;

/**
 * The second step of every transfer's receipt, whatever happened to the first's sender: for each
 * {@link TransferReceived} the destination books what arrived. The receive endpoint books it at once (its answer
 * carries the arrival's position); this process books it when that did not happen (the node stopped between the two
 * commands). The booking is once per transfer, so doing it twice changes nothing. It acts as the user who received
 * the transfer, continuing the receipt's trace, and runs in the command service's {@value #GROUP} processor, whose
 * token is stored only after the booking committed.
 */
@Component
@ProcessingGroup(TransferArrivals.GROUP)
public class TransferArrivals {

    public static final String GROUP = "inventory-transfers";

    private static final Logger log = LoggerFactory.getLogger(TransferArrivals.class);

    private final CommandSender sender;

    public TransferArrivals(CommandSender sender) {
        this.sender = sender;
    }

    @EventHandler
    void on(TransferReceived e, EventMessage<?> message) {
        Actor actor = Actor.causedBy(message);
        try {
            sender.send(actor, new BookTransferArrival(actor.tenant(), e.toLocationId(), e.transferId(), e.fromLocationId(), arrived(e.lines())));
        } catch (CommandRefused refused) {
            // no rule of the destination refuses goods that arrived; should one ever, asking again would not change it
            log.error("The arrival of transfer {} at {} (tenant {}) was refused and is not booked: {}",
                    e.transferId(), e.toLocationId(), actor.tenant(), refused.getMessage());
        }
    }

    /** What arrived of a receipt's lines. */
    static List<Line> arrived(List<TransferReceived.Line> lines) {
        return lines.stream().filter(l -> l.received() > 0).map(l -> new Line(l.productId(), l.received())).toList();
    }
}
