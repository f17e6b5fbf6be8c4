package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A field-sales project was set up. */
@Revision("1")
public record ProjectCreated(String tenant, String projectId, ProjectSettings settings) {
}
