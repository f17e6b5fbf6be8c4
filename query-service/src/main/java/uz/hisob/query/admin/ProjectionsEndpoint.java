package uz.hisob.query.admin;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.platform.ReadModelProgress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code GET /api/admin/projections} (ADMIN): each read model's processor, how far it is, and whether it replays. */
@RestController
public class ProjectionsEndpoint {

    /** One processor's state. */
    public record Projection(String name, long position, long headPosition, long lag, String status, boolean replaying,
                             BigDecimal progressPct) {
    }

    private final ReadModelProgress progress;

    public ProjectionsEndpoint(ReadModelProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/admin/projections")
    public Mono<Page<Projection>> list(PageRequest page) {
        return Mono.fromCallable(() -> {
            long head = progress.headPosition();
            List<Projection> all = new ArrayList<>();
            for (Map.Entry<String, StreamingEventProcessor> e : progress.processors().entrySet()) {
                all.add(describe(e.getKey(), e.getValue(), head));
            }
            List<Projection> items = all.stream().skip(page.offset()).limit(page.size()).toList();
            return Page.of(items, page, all.size());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static Projection describe(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = Long.MAX_VALUE;
        boolean replaying = false;
        boolean error = false;
        BigDecimal progressPct = BigDecimal.valueOf(100).setScale(1);
        for (EventTrackerStatus s : segments.values()) {
            position = Math.min(position, s.getCurrentPosition().orElse(0));
            error |= s.isErrorState();
            if (s.isReplaying()) {
                replaying = true;
                OptionalLong reset = s.getResetPosition();
                long target = reset.isPresent() && reset.getAsLong() > 0 ? reset.getAsLong() : Math.max(head, 1);
                BigDecimal pct = BigDecimal.valueOf(Math.min(s.getCurrentPosition().orElse(0), target) * 100)
                        .divide(BigDecimal.valueOf(target), 1, RoundingMode.DOWN);
                progressPct = progressPct.min(pct);
            }
        }
        if (position == Long.MAX_VALUE) {
            position = 0;
        }
        String status = !processor.isRunning() ? "STOPPED" : error ? "ERROR" : segments.isEmpty() ? "STARTING" : "RUNNING";
        return new Projection(name, position, head, Math.max(0, head - position), status, replaying, progressPct);
    }
}
