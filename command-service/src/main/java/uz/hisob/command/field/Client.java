package uz.hisob.command.field;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.ArchiveClient;
import uz.hisob.api.field.AttachClientImage;
import uz.hisob.api.field.ChangeClient;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.field.RestoreClient;
import uz.hisob.command.images.ImageStore;
import uz.hisob.events.field.ClientArchived;
import uz.hisob.events.field.ClientChanged;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.ClientImageAttached;
import uz.hisob.events.field.ClientLocationLearned;
import uz.hisob.events.field.ClientRegistered;
import uz.hisob.events.field.ClientRestored;
import uz.hisob.events.field.GeoPoint;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A client (outlet) of a project. It keeps what visits need of it (its location, whether it is archived, its agents)
 * and decides its own changes: its 1C code unique in the project ({@link ClientKeys}), its agents agents of the
 * project, its price list one of the catalogue's, a location learned only while it has none.
 */
@Aggregate
@Revision("3") // 2: the price list, which field orders are priced from; 3: the details, which a 1C sync merges into
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Client {

    @AggregateIdentifier
    private String id;
    private String clientId;
    private String projectId;
    private GeoPoint location;
    private boolean archived;
    private List<String> agentIds = List.of();
    private String priceListId;
    private ClientDetails details;

    /** For Axon, and for Jackson reading a snapshot (the command handlers' constructors are not creators). */
    @com.fasterxml.jackson.annotation.JsonCreator
    protected Client() {
        // for Axon
    }

    @CommandHandler
    public Client(RegisterClient cmd, ClientKeys keys, FieldDirectory directory) {
        if (directory.project(cmd.tenant(), cmd.projectId()).isEmpty()) {
            throw CommandRefused.notFound("Project not found");
        }
        validate(cmd.tenant(), cmd.projectId(), cmd.clientId(), cmd.details(), keys, directory);
        apply(new ClientRegistered(cmd.tenant(), cmd.clientId(), cmd.projectId(), cmd.details()));
    }

    @CommandHandler
    public void handle(ChangeClient cmd, ClientKeys keys, FieldDirectory directory) {
        inProject(cmd.projectId());
        validate(cmd.tenant(), cmd.projectId(), cmd.clientId(), cmd.details(), keys, directory);
        apply(new ClientChanged(clientId, projectId, cmd.details()));
    }

    @CommandHandler
    public void handle(ArchiveClient cmd) {
        inProject(cmd.projectId());
        if (!archived) {
            apply(new ClientArchived(clientId, projectId));
        }
    }

    @CommandHandler
    public void handle(RestoreClient cmd) {
        inProject(cmd.projectId());
        if (archived) {
            apply(new ClientRestored(clientId, projectId));
        }
    }

    @CommandHandler
    public void handle(AttachClientImage cmd, ImageStore images) {
        inProject(cmd.projectId());
        if (images.sha256Of(cmd.tenant(), cmd.imageId()).isEmpty()) {
            throw CommandRefused.invalid("imageId", "is not an uploaded image");
        }
        apply(new ClientImageAttached(clientId, projectId, cmd.imageId(), cmd.kind()));
    }

    /** What {@link #mergeFromOnec} did. */
    public enum Merge { UPDATED, UNCHANGED, ARCHIVED }

    /**
     * The client as 1C sends it (onec.md): the fields 1C is the master of (name, legal name, TIN, phone, address, 1C
     * code, agents, and the location and price list when 1C has them) replace Hisob's; what only Hisob keeps (tags,
     * a location learned at a check-in that 1C does not know) stays. Appends nothing when that is what the client is
     * already; {@code deleted} archives it.
     */
    public Merge mergeFromOnec(String tenant, ClientDetails fromOnec, boolean deleted, ClientKeys keys, FieldDirectory directory) {
        if (deleted) {
            if (archived) {
                return Merge.UNCHANGED;
            }
            apply(new ClientArchived(clientId, projectId));
            return Merge.ARCHIVED;
        }
        ClientDetails merged = merged(details, fromOnec);
        if (merged.equals(details)) {
            return Merge.UNCHANGED;
        }
        validate(tenant, projectId, clientId, merged, keys, directory);
        apply(new ClientChanged(clientId, projectId, merged));
        return Merge.UPDATED;
    }

    /** A new client's details from 1C's (what only Hisob keeps starts empty). */
    public static ClientDetails fromOnec(ClientDetails fromOnec) {
        return merged(null, fromOnec);
    }

    private static ClientDetails merged(ClientDetails mine, ClientDetails onec) {
        GeoPoint location = onec.location() != null ? onec.location() : mine == null ? null : mine.location();
        return new ClientDetails(onec.name(), onec.legalName(), onec.tin(), onec.phone(), onec.address(), location, onec.onecCode(),
                onec.priceListId() != null ? onec.priceListId() : mine == null ? null : mine.priceListId(), List.copyOf(onec.agentIds()),
                mine == null ? List.of() : mine.tags());
    }

    /** A check-in's location, if the client still has none (through {@link FieldDirectory#learnLocation}). */
    public void learn(GeoPoint at, String visitId) {
        if (location == null) {
            apply(new ClientLocationLearned(clientId, projectId, at, visitId));
        }
    }

    /** The client's 1C code, or null (its orders go to 1C under it). */
    public String onecCode() {
        return details == null ? null : details.onecCode();
    }

    /** The client's own price list (field orders are priced from it), or null: the tenant's default. */
    public String priceListId() {
        return priceListId;
    }

    /** What a visit needs of the client. */
    public FieldDirectory.ClientFacts facts() {
        return new FieldDirectory.ClientFacts(projectId, location, archived, agentIds);
    }

    private void inProject(String project) {
        if (!projectId.equals(project)) {
            throw CommandRefused.notFound("Client not found");
        }
    }

    private static void validate(String tenant, String projectId, String clientId, ClientDetails d, ClientKeys keys,
                                 FieldDirectory directory) {
        for (String agentId : d.agentIds()) {
            if (directory.agentActive(tenant, projectId, agentId).isEmpty()) {
                throw CommandRefused.invalid("agentIds", agentId + " is not an agent of the project");
            }
        }
        if (d.priceListId() != null && !directory.priceListExists(tenant, d.priceListId())) {
            throw CommandRefused.invalid("priceListId", "is not a price list of the catalogue");
        }
        keys.claimOnecCode(tenant, projectId, d.onecCode(), clientId).ifPresent(owner -> {
            throw CommandRefused.conflict("ALREADY_EXISTS", "The 1C code " + d.onecCode() + " belongs to client " + owner,
                    Map.of("clientId", owner));
        });
    }

    @EventSourcingHandler
    void on(ClientRegistered e) {
        id = FieldIds.client(e.tenant(), e.clientId());
        clientId = e.clientId();
        projectId = e.projectId();
        location = e.details().location();
        agentIds = List.copyOf(e.details().agentIds());
        priceListId = e.details().priceListId();
        details = e.details();
    }

    @EventSourcingHandler
    void on(ClientChanged e) {
        location = e.details().location();
        agentIds = List.copyOf(e.details().agentIds());
        priceListId = e.details().priceListId();
        details = e.details();
    }

    @EventSourcingHandler
    void on(ClientLocationLearned e) {
        location = e.location();
        if (details != null) {
            details = new ClientDetails(details.name(), details.legalName(), details.tin(), details.phone(), details.address(), location,
                    details.onecCode(), details.priceListId(), details.agentIds(), details.tags());
        }
    }

    @EventSourcingHandler
    void on(ClientArchived e) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ClientRestored e) {
        archived = false;
    }
}
