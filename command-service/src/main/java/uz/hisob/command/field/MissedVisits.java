package uz.hisob.command.field;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.MarkVisitMissed;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.time.Clock;
import java.util.List;

/**
 * Marks planned visits as {@code MISSED} once their day has ended in the project's zone without a check-in
 * (field-sales.md), every {@code hisob.field.missed-sweep}. The agent's aggregate decides; marking is idempotent, so
 * two nodes sweeping at once mark a visit once. A sweep of the command side's own table ({@code visit_owners.due_at}),
 * not an event processor that would read every event of every context.
 */
@Component
public class MissedVisits {

    private static final Logger log = LoggerFactory.getLogger(MissedVisits.class);
    private static final int BATCH = 500;

    private final VisitOwners owners;
    private final CommandSender sender;
    private final Clock clock;

    public MissedVisits(VisitOwners owners, CommandSender sender, Clock clock) {
        this.owners = owners;
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hisob.field.missed-sweep:PT1M}", initialDelayString = "${hisob.field.missed-sweep:PT1M}")
    public void sweep() {
        List<VisitOwners.Due> due;
        try {
            due = owners.overdue(clock.instant(), BATCH);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not look for missed visits; the next sweep tries again: {}", e.toString());
            return;
        }
        for (VisitOwners.Due d : due) {
            try {
                sender.send(Actor.system(d.tenant()), new MarkVisitMissed(d.tenant(), d.agentId(), d.visitId()));
            } catch (CommandRefused refused) {
                log.error("Marking visit {} (tenant {}) missed was refused: {}", d.visitId(), d.tenant(), refused.getMessage());
                owners.due(d.tenant(), d.visitId(), null);
            } catch (RuntimeException e) {
                log.warn("Marking visit {} missed failed; the next sweep tries again: {}", d.visitId(), e.toString());
            }
        }
    }
}
