package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A run ended: {@code SUCCEEDED}, {@code PARTIAL} (every page applied, some items refused) or {@code FAILED} (1C
 * could not be read: nothing of the failed page is applied and the next run resumes from the cursors). {@code calls}
 * are the calls after the last applied page (those that failed).
 */
@Revision("1")
public record OnecSyncFinished(String tenant, String projectId, String runId, String status, List<OnecCall> calls,
                               List<OnecError> errors, Instant at) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String PARTIAL = "PARTIAL";
    public static final String FAILED = "FAILED";
}
