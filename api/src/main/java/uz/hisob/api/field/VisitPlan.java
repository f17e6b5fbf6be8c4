package uz.hisob.api.field;

import java.time.LocalDate;
import java.time.LocalTime;

/** One planned visit: who visits whom on which day (in the project's zone). {@code routeId} if a route plans it. */
public record VisitPlan(String visitId, String clientId, String agentId, LocalDate plannedFor, LocalTime plannedTime,
                        String typeId, String priorityId, String note, String routeId) {
}
