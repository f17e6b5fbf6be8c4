package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

/** The project is no longer linked to 1C (its cursors are kept: linked again, it continues where it was). */
@Revision("1")
public record OnecLinkRemoved(String tenant, String projectId) {
}
