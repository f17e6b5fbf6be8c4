package uz.hisob.command.inventory.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.BookTransferArrival;
import uz.hisob.command.inventory.TransferRoutes;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The second step of every transfer's receipt, whatever happened to the first's sender: the receive endpoint books
 * the arrival at once (its answer carries the arrival's position); this sweep books those whose arrival was not
 * booked {@code hisob.inventory.arrival-grace} after their receipt (the node stopped between the two commands), every
 * {@code hisob.inventory.arrival-sweep}, as the user who received the transfer. The booking is once per transfer,
 * so two nodes sweeping at once, or a sweep racing the endpoint, book it once.
 *
 * <p>A sweep of the command side's own table, not an event processor: a processor would read every event of every
 * context to find the few receipts (it cost some 15 % of a ServeMeal's CPU, docs/benchmarks.md).
 */
@Component
public class TransferArrivals {

    private static final Logger log = LoggerFactory.getLogger(TransferArrivals.class);
    private static final int BATCH = 100;

    private final TransferRoutes routes;
    private final CommandSender sender;
    private final Clock clock;
    private final Duration grace;

    public TransferArrivals(TransferRoutes routes, CommandSender sender, Clock clock,
                            @Value("${hisob.inventory.arrival-grace:PT10S}") Duration grace) {
        this.routes = routes;
        this.sender = sender;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${hisob.inventory.arrival-sweep:PT15S}", initialDelayString = "${hisob.inventory.arrival-sweep:PT15S}")
    public void sweep() {
        List<TransferRoutes.PendingArrival> pending;
        try {
            pending = routes.pendingArrivals(clock.instant().minus(grace), BATCH);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not look for transfer arrivals to book; the next sweep tries again: {}", e.toString());
            return;
        }
        for (TransferRoutes.PendingArrival p : pending) {
            Actor actor = new Actor(p.tenant(), p.receivedBy() == null ? Actor.SYSTEM : p.receivedBy(), null);
            try {
                sender.send(actor, new BookTransferArrival(p.tenant(), p.toLocationId(), p.transferId(), p.fromLocationId(), p.arrived()));
                log.info("Booked the arrival of transfer {} at {} (tenant {}), whose receipt's second step had not happened",
                        p.transferId(), p.toLocationId(), p.tenant());
            } catch (CommandRefused refused) {
                // no rule of the destination refuses goods that arrived; should one ever, asking again would not change it
                log.error("The arrival of transfer {} at {} (tenant {}) was refused and is not booked: {}",
                        p.transferId(), p.toLocationId(), p.tenant(), refused.getMessage());
                routes.arrived(p.tenant(), p.transferId());
            } catch (RuntimeException e) {
                log.warn("Booking the arrival of transfer {} failed; the next sweep tries again: {}", p.transferId(), e.toString());
            }
        }
    }
}
