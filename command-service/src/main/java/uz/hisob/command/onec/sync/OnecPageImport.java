package uz.hisob.command.onec.sync;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecClientItem;
import uz.hisob.api.onec.OnecIds;
import uz.hisob.command.field.AgentKeys;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.ClientKeys;
import uz.hisob.command.field.FieldDirectory;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecLink;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a page read from 1C in one unit of work: every item is decided by its own aggregate (a client by its
 * {@link Client}, as a registration or a change would be), and the {@link OnecLink} records the page and moves the
 * entity's cursor, all in this command's one transaction, so a page is applied whole or not at all and a run resumed
 * after any interruption starts from the last page applied. An item 1C sends unchanged appends nothing: its content
 * hash and its aggregate's version say so without loading the aggregate ({@link OnecItemHashes}), and an aggregate
 * loaded anyway appends nothing when the merge leaves it as it is. An item refused (say, a 1C code another client
 * holds) is counted as failed with the reason, and the rest of the page is applied.
 */
@Component
public class OnecPageImport {

    private final BeanFactory beans;

    public OnecPageImport(BeanFactory beans) {
        this.beans = beans;
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public OnecCounts handle(ApplyOnecPage cmd, ClientKeys keys, AgentKeys agents, FieldDirectory directory, OnecItemHashes hashes)
            throws Exception {
        Repository<OnecLink> links = beans.getBean("onecLinkRepository", Repository.class);
        Aggregate<OnecLink> link = links.load(OnecIds.link(cmd.tenant(), cmd.projectId()));
        link.execute(l -> l.checkPage(cmd.runId(), cmd.entity(), cmd.since()));
        List<OnecError> errors = new ArrayList<>();
        OnecCounts counts = switch (cmd.entity()) {
            case "clients" -> clients(cmd, keys, agents, directory, hashes, errors);
            default -> throw CommandRefused.invalid("entity", cmd.entity() + " are not synchronised from 1C in this version");
        };
        link.execute(l -> l.pageApplied(cmd.runId(), cmd.entity(), cmd.since(), cmd.cursor(), cmd.more(), counts, cmd.calls(), errors));
        return counts;
    }

    @SuppressWarnings("unchecked")
    private OnecCounts clients(ApplyOnecPage cmd, ClientKeys keys, AgentKeys agents, FieldDirectory directory, OnecItemHashes hashes,
                               List<OnecError> errors) throws Exception {
        Repository<Client> clients = beans.getBean("clientRepository", Repository.class);
        String tenant = cmd.tenant();
        String project = cmd.projectId();
        List<OnecClientItem> items = cmd.clients();
        Set<String> codes = new LinkedHashSet<>();
        items.forEach(i -> codes.add(i.code()));
        Map<String, OnecItemHashes.Seen> seen = hashes.seen(tenant, project, "clients", codes);
        Map<String, Long> versions = hashes.versions(seen.values().stream().map(s -> FieldIds.client(tenant, s.hisobId())).toList());
        Map<String, Optional<String>> agentOf = new HashMap<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int archived = 0;
        int failed = 0;
        for (OnecClientItem item : items) {
            List<String> agentIds = new ArrayList<>();
            for (String code : item.agentCodes()) {
                Optional<String> agent = agentOf.computeIfAbsent(code, c -> agents.agentByCode(tenant, project, c));
                if (agent.isPresent()) {
                    agentIds.add(agent.get());
                } else {
                    errors.add(new OnecError("UNKNOWN_AGENT", item.code(), "No agent of the project has the 1C code " + code));
                }
            }
            String hash = OnecItemHashes.hash(item + "|" + agentIds);
            OnecItemHashes.Seen before = seen.get(item.code());
            if (before != null && before.hash().equals(hash)
                    && Long.valueOf(before.version()).equals(versions.get(FieldIds.client(tenant, before.hisobId())))) {
                unchanged++;
                continue;
            }
            GeoPoint location = item.lat() != null && item.lon() != null ? new GeoPoint(item.lat(), item.lon()) : null;
            ClientDetails fromOnec = new ClientDetails(item.name(), item.legalName(), item.tin(), item.phone(), item.address(), location,
                    item.code(), null, agentIds, List.of());
            String clientId = before != null ? before.hisobId() : keys.clientByCode(tenant, project, item.code()).orElse(null);
            try {
                long version;
                if (clientId != null) {
                    Aggregate<Client> client = clients.load(FieldIds.client(tenant, clientId));
                    Client.Merge merge = client.invoke(c -> c.mergeFromOnec(tenant, fromOnec, item.deleted(), keys, directory));
                    switch (merge) {
                        case UPDATED -> updated++;
                        case ARCHIVED -> archived++;
                        case UNCHANGED -> unchanged++;
                    }
                    version = client.version();
                } else if (item.deleted()) {
                    unchanged++; // deleted in 1C before Hisob ever had it: nothing to archive
                    continue;
                } else {
                    clientId = idFor(project, item.code());
                    RegisterClient register = new RegisterClient(tenant, project, clientId, Client.fromOnec(fromOnec));
                    Aggregate<Client> client = clients.newInstance(() -> new Client(register, keys, directory));
                    created++;
                    version = client.version();
                }
                hashes.saw(tenant, project, "clients", item.code(), clientId, hash, version);
            } catch (CommandRefused refused) {
                failed++;
                errors.add(new OnecError(refused.code() == null ? refused.kind().name() : refused.code(), item.code(), refused.getMessage()));
            }
        }
        return new OnecCounts(items.size(), created, updated, unchanged, archived, failed);
    }

    /**
     * A Hisob id for a client 1C made: its code, lower-cased, what an id may not hold (Cyrillic letters, spaces) as
     * dashes, and a hash of the project and the whole code, since client ids are the tenant's and two projects (or two
     * codes that differ only in what was dropped) must never share one.
     */
    static String idFor(String projectId, String code) {
        String safe = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String hash = OnecItemHashes.hash(projectId + "\n" + code).substring(0, 10);
        return (safe.isEmpty() ? "1c" : safe.length() > 50 ? safe.substring(0, 50) : safe) + "-" + hash;
    }
}
