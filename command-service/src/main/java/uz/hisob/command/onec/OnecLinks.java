package uz.hisob.command.onec;

import uz.hisob.events.onec.OnecLinkSettings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The linked projects as the schedulers of every instance need them: when each is due and which run is in progress
 * ({@link JdbcOnecLinks}). Written by {@link OnecLink} in the transaction of its events.
 */
public interface OnecLinks {

    /** A linked project: its settings, the run in progress (or null), when the next scheduled run is due. */
    record Row(String tenant, String projectId, OnecLinkSettings settings, String runningRun, Instant nextSyncAt) {
    }

    void linked(String tenant, String projectId, OnecLinkSettings settings);

    void unlinked(String tenant, String projectId);

    void running(String tenant, String projectId, String runId);

    /** The run ended at {@code at}: the next is due {@code syncEveryMinutes} after. */
    void finished(String tenant, String projectId, Instant at);

    List<Row> all();

    Optional<Row> find(String tenant, String projectId);
}
