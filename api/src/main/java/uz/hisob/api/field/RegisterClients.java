package uz.hisob.api.field;

import uz.hisob.events.field.ClientDetails;

import java.util.List;

/** Registers many clients of a project at once, all or none (an import from a price file or 1C). */
public record RegisterClients(String tenant, String projectId, List<Item> clients) {

    /** One client to register. */
    public record Item(String clientId, ClientDetails details) {
    }
}
