package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A page of one entity was applied, in the transaction of the changes it made: the entity's cursor is now
 * {@code cursor}, and {@code more} says whether 1C has more after it. {@code calls} are those the page took
 * (failed attempts and the failover included), {@code errors} what was refused of it.
 */
@Revision("1")
public record OnecPageApplied(String tenant, String projectId, String runId, String entity, String cursor, boolean more,
                              OnecCounts counts, List<OnecCall> calls, List<OnecError> errors) {
}
