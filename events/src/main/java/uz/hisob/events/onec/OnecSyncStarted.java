package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A run began: its trigger ({@code SCHEDULE}, {@code MANUAL} or {@code NOTIFY}), the entities it reads, in order, and
 * whether it reads them from the start ({@code full}) rather than from their cursors.
 */
@Revision("1")
public record OnecSyncStarted(String tenant, String projectId, String runId, String trigger, List<String> entities, boolean full,
                              Instant at) {
}
