package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.time.LocalTime;

/** A visit of an agent to a client was planned for a day (in the project's zone); {@code routeId} if a route planned it. */
@Revision("1")
public record VisitPlanned(String visitId, String projectId, String clientId, String agentId, LocalDate plannedFor,
                           LocalTime plannedTime, String typeId, String priorityId, String note, String routeId) {
}
