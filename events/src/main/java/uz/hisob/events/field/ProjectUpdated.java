package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A project's settings are now these (they apply to check-ins from now on). */
@Revision("1")
public record ProjectUpdated(String projectId, ProjectSettings settings) {
}
