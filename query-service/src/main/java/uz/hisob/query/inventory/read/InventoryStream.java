package uz.hisob.query.inventory.read;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import uz.hisob.platform.security.Caller;
import uz.hisob.query.inventory.projection.InventoryProjection;
import uz.hisob.query.platform.ChangeFeed;
import uz.hisob.query.platform.ReadsFrom;

/**
 * {@code GET /api/inventory/locations/{l}/stream}: server-sent events {@code stock} (a product's stock at the location
 * as {@code GET /api/inventory/stock} shows it) and {@code alert} (a low-stock alert opened, followed or cleared, as
 * {@code GET /api/inventory/alerts} shows it), as the inventory projection writes them to its change feed
 * ({@code inventory_change}); {@code Last-Event-ID} resumes exactly where a client left off ({@link ChangeFeed}).
 */
@RestController
@ReadsFrom(InventoryProjection.NAME)
public class InventoryStream {

    private final ChangeFeed feed;
    private final InventoryReads reads;

    public InventoryStream(ChangeFeed feed, InventoryReads reads) {
        this.feed = feed;
        this.reads = reads;
    }

    @GetMapping(path = "/api/inventory/locations/{locationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@PathVariable String locationId, Caller caller,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        ChangeFeed.check(lastEventId);
        return reads.location(locationId, caller)
                .thenMany(feed.stream("inventory_change", "location_id", caller.tenant(), locationId, lastEventId));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldChanges() {
        feed.forgetOlderThanADay("inventory_change");
    }
}
