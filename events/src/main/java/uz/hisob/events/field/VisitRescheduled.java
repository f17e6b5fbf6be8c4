package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.time.LocalTime;

/** A planned (or missed) visit moved to another day; it is planned again. */
@Revision("1")
public record VisitRescheduled(String visitId, String projectId, LocalDate plannedFor, LocalTime plannedTime) {
}
