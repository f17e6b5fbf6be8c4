package uz.hisob.query.kitchen.read;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import uz.hisob.platform.security.Caller;
import uz.hisob.query.kitchen.projection.KitchenProjection;
import uz.hisob.query.platform.ChangeFeed;
import uz.hisob.query.platform.ReadsFrom;

/**
 * {@code GET /api/kitchens/{k}/stream}: server-sent events {@code stock}, {@code capacity} and {@code alert} as the
 * kitchen projection writes them to its change feed ({@code kitchen_change}, in the same transaction as the read
 * model); {@code Last-Event-ID} resumes exactly where a client left off ({@link ChangeFeed}).
 */
@RestController
@ReadsFrom(KitchenProjection.NAME)
public class KitchenStream {

    private final ChangeFeed feed;
    private final KitchenReads reads;

    public KitchenStream(ChangeFeed feed, KitchenReads reads) {
        this.feed = feed;
        this.reads = reads;
    }

    @GetMapping(path = "/api/kitchens/{kitchenId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@PathVariable String kitchenId, Caller caller,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        ChangeFeed.check(lastEventId);
        return reads.kitchen(kitchenId, caller)
                .thenMany(feed.stream("kitchen_change", "kitchen_id", caller.tenant(), kitchenId, lastEventId));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldChanges() {
        feed.forgetOlderThanADay("kitchen_change");
    }
}
