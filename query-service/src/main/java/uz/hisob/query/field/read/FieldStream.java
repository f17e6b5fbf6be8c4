package uz.hisob.query.field.read;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import uz.hisob.platform.security.Caller;
import uz.hisob.query.field.FieldReader;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.platform.ChangeFeed;
import uz.hisob.query.platform.ReadsFrom;

/**
 * {@code GET /api/projects/{p}/stream}: server-sent events for a live map, {@code agent-location} (an agent's newest
 * point) and {@code visit} (a visit's status change), as the field projection writes them to its change feed
 * ({@code field_change}); {@code Last-Event-ID} resumes exactly where a client left off ({@link ChangeFeed}).
 */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class FieldStream {

    private final ChangeFeed feed;
    private final ProjectReads projects;

    public FieldStream(ChangeFeed feed, ProjectReads projects) {
        this.feed = feed;
        this.projects = projects;
    }

    @GetMapping(path = "/api/projects/{projectId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@PathVariable String projectId, Caller caller,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        ChangeFeed.check(lastEventId);
        FieldReader.requireProject(caller, projectId);
        return projects.exists(caller, projectId)
                .thenMany(feed.stream("field_change", "project_id", caller.tenant(), projectId, lastEventId));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldChanges() {
        feed.forgetOlderThanADay("field_change");
    }
}
