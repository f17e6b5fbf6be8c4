package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

/** The project is linked to a 1C base as {@code settings} says (a new link, or a change of it). */
@Revision("1")
public record OnecLinkConfigured(String tenant, String projectId, OnecLinkSettings settings) {
}
