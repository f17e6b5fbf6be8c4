package uz.hisob.command.sales;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.time.Duration;

/**
 * Releases what a placement reserved when its order was never recorded (the node placing it stopped, or lost its
 * database, between the reservations and the order): every {@code hisob.sales.placement-sweep} (30 s), placements
 * older than {@code hisob.sales.placement-grace} (1 min). Taking a placement ends it, so its order, should it still
 * arrive, is refused rather than recorded without its stock. Two nodes sweeping take different rows.
 */
@Component
public class OrderPlacementSweep {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacementSweep.class);

    private final OrderPlacements placements;
    private final CommandSender sender;
    private final Duration grace;

    public OrderPlacementSweep(OrderPlacements placements, CommandSender sender,
                               @Value("${hisob.sales.placement-grace:PT1M}") Duration grace) {
        this.placements = placements;
        this.sender = sender;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${hisob.sales.placement-sweep:PT30S}", initialDelayString = "${hisob.sales.placement-sweep:PT30S}")
    public void sweep() {
        try {
            for (OrderPlacements.Orphan orphan : placements.takeOverdue(grace, 100)) {
                for (OrderPlacements.Reservation r : orphan.reservations()) {
                    try {
                        sender.send(Actor.system(orphan.tenant()), new ReleaseReservation(orphan.tenant(), r.locationId(), r.reservationId(),
                                "ORDER_NOT_PLACED"));
                    } catch (CommandRefused refused) {
                        // released already, or never made: nothing held
                    } catch (RuntimeException e) {
                        // noted again, to be released by a later sweep
                        placements.reserving(orphan.tenant(), orphan.orderId(), r.locationId(), r.reservationId());
                        throw e;
                    }
                }
                log.info("Released the reservations of order {} of {}, whose placement did not finish", orphan.orderId(), orphan.tenant());
            }
        } catch (RuntimeException e) {
            log.warn("The sweep of unfinished order placements failed, next time then: {}", e.toString());
        }
    }
}
