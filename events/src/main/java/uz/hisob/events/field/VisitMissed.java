package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planned visit's day ended in the project's zone without a check-in. */
@Revision("1")
public record VisitMissed(String visitId, String projectId, LocalDate plannedFor) {
}
