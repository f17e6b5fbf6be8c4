package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A client of a project is now as {@code details} says. */
@Revision("1")
public record ClientChanged(String clientId, String projectId, ClientDetails details) {
}
