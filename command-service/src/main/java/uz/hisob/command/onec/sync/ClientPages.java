package uz.hisob.command.onec.sync;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecClientItem;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.field.AgentKeys;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.ClientKeys;
import uz.hisob.command.field.FieldDirectory;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecKeys;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A page of clients: found by their 1C code in the project (or made, with an id from it), each merged by its own
 * {@link Client} ({@link Client#mergeFromOnec}); their agents by the agents' 1C codes, their price list by the 1C
 * price type's. An item whose content hash and client version are those of the last time appends nothing without
 * loading the client; a client changed in Hisob since is merged again.
 */
@Component
class ClientPages {

    private final BeanFactory beans;
    private final ClientKeys keys;
    private final AgentKeys agents;
    private final FieldDirectory directory;
    private final OnecItemHashes hashes;
    private final EventStore events;

    ClientPages(BeanFactory beans, ClientKeys keys, AgentKeys agents, FieldDirectory directory, OnecItemHashes hashes, EventStore events) {
        this.events = events;
        this.beans = beans;
        this.keys = keys;
        this.agents = agents;
        this.directory = directory;
        this.hashes = hashes;
    }

    @SuppressWarnings("unchecked")
    OnecCounts apply(ApplyOnecPage cmd, List<OnecError> errors) throws Exception {
        Repository<Client> clients = beans.getBean("clientRepository", Repository.class);
        Repository<Catalogue> catalogues = beans.getBean("catalogueRepository", Repository.class);
        String tenant = cmd.tenant();
        String project = cmd.projectId();
        List<OnecClientItem> items = cmd.clients();
        Set<String> codes = new LinkedHashSet<>();
        items.forEach(i -> codes.add(i.code()));
        Map<String, OnecItemHashes.Seen> seen = hashes.seen(tenant, project, "clients", codes);
        Map<String, Long> versions = hashes.versions(seen.values().stream().map(s -> FieldIds.client(tenant, s.hisobId())).toList());
        Map<String, Optional<String>> agentOf = new HashMap<>();
        Map<String, Boolean> priceLists = new HashMap<>();
        Catalogue[] catalogue = new Catalogue[1];
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int archived = 0;
        int failed = 0;
        for (OnecClientItem item : items) {
            String invalid = OnecLimits.client(item);
            if (invalid != null) {
                failed++;
                errors.add(new OnecError("INVALID", item.code(), invalid));
                continue;
            }
            List<String> agentIds = new ArrayList<>();
            for (String code : item.agentCodes()) {
                Optional<String> agent = agentOf.computeIfAbsent(code, c -> agents.agentByCode(tenant, project, c));
                if (agent.isPresent()) {
                    agentIds.add(agent.get());
                } else {
                    errors.add(new OnecError("UNKNOWN_AGENT", item.code(), "No agent of the project has the 1C code " + code));
                }
            }
            String priceListId = null;
            if (item.priceTypeCode() != null) {
                String list = OnecKeys.priceList(item.priceTypeCode());
                boolean exists = priceLists.computeIfAbsent(list, l -> {
                    if (catalogue[0] == null) {
                        if (events.lastSequenceNumberFor(Catalogues.aggregateId(tenant)).isEmpty()) {
                            return false; // no catalogue: no price lists yet
                        }
                        catalogue[0] = catalogues.load(Catalogues.aggregateId(tenant)).invoke(c -> c);
                    }
                    return catalogue[0].hasPriceList(l);
                });
                priceListId = exists ? list : null;
            }
            String hash = OnecItemHashes.hash(item + "|" + agentIds + "|" + priceListId);
            OnecItemHashes.Seen before = seen.get(item.code());
            if (before != null && before.hash().equals(hash)
                    && Long.valueOf(before.version()).equals(versions.get(FieldIds.client(tenant, before.hisobId())))) {
                unchanged++;
                continue;
            }
            GeoPoint location = item.lat() != null && item.lon() != null ? new GeoPoint(item.lat(), item.lon()) : null;
            ClientDetails fromOnec = new ClientDetails(item.name(), item.legalName(), item.tin(), item.phone(), item.address(), location,
                    item.code(), priceListId, agentIds, List.of());
            String clientId = before != null ? before.hisobId() : keys.clientByCode(tenant, project, item.code()).orElse(null);
            try {
                long version;
                if (clientId != null) {
                    Aggregate<Client> client = clients.load(FieldIds.client(tenant, clientId));
                    switch (client.invoke(c -> c.mergeFromOnec(tenant, fromOnec, item.deleted(), keys, directory))) {
                        case UPDATED -> updated++;
                        case ARCHIVED -> archived++;
                        case UNCHANGED -> unchanged++;
                    }
                    version = client.version();
                } else if (item.deleted()) {
                    unchanged++; // deleted in 1C before Hisob ever had it: nothing to archive
                    continue;
                } else {
                    clientId = OnecKeys.id(project, item.code());
                    RegisterClient register = new RegisterClient(tenant, project, clientId, Client.fromOnec(fromOnec));
                    version = clients.newInstance(() -> new Client(register, keys, directory)).version();
                    created++;
                }
                hashes.saw(tenant, project, "clients", item.code(), clientId, hash, version);
            } catch (CommandRefused refused) {
                failed++;
                errors.add(OnecPageImport.refusal(refused, item.code()));
            }
        }
        return new OnecCounts(items.size(), created, updated, unchanged, archived, failed);
    }
}
