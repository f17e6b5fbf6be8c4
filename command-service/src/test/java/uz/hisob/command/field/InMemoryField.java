package uz.hisob.command.field;

import uz.hisob.api.CommandRefused;
import uz.hisob.command.users.UserAccounts;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.StepRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** For aggregate tests: the other aggregates' facts, visit owners and users, in memory. */
public final class InMemoryField implements FieldDirectory, VisitOwners, ClientKeys, TrackPointKeys, AgentKeys {

    public final Map<String, Project.Rules> projects = new HashMap<>();
    final Map<String, ClientFacts> clients = new HashMap<>();
    final Map<String, Boolean> agents = new HashMap<>(); // project/agent -> active
    final Map<String, Owner> owners = new HashMap<>();
    public final Map<String, String> onecCodes = new HashMap<>();
    final List<String> learned = new ArrayList<>();
    final List<String> priceLists = new ArrayList<>();

    public static Project.Rules rules(String projectId, ProjectSettings settings, Map<String, Map<String, Boolean>> references,
                               List<StepRef> checklist, Map<String, List<String>> stepTypes) {
        return new Project.Rules(projectId, settings, references, checklist, stepTypes);
    }

    @Override
    public Optional<Project.Rules> project(String tenant, String projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    @Override
    public Optional<ClientFacts> client(String tenant, String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public Optional<Boolean> agentActive(String tenant, String projectId, String agentId) {
        return Optional.ofNullable(agents.get(projectId + "/" + agentId));
    }

    @Override
    public boolean priceListExists(String tenant, String priceListId) {
        return priceLists.contains(priceListId);
    }

    @Override
    public void learnLocation(String tenant, String clientId, GeoPoint location, String visitId) {
        learned.add(clientId + "@" + location.lat() + "," + location.lon() + " by " + visitId);
    }

    final Map<String, java.time.Instant> due = new HashMap<>();

    @Override
    public List<String> openOfRoute(String tenant, String routeId, java.time.Instant now) {
        return List.of();
    }

    @Override
    public boolean claim(String tenant, String visitId, String agentId, String projectId, java.time.Instant dueAt, String routeId) {
        boolean free = owners.putIfAbsent(visitId, new Owner(agentId, projectId)) == null;
        if (free && dueAt != null) {
            due.put(visitId, dueAt);
        }
        return free;
    }

    @Override
    public void due(String tenant, String visitId, java.time.Instant dueAt) {
        if (dueAt == null) {
            due.remove(visitId);
        } else {
            due.put(visitId, dueAt);
        }
    }

    final java.util.Set<String> dropped = new java.util.HashSet<>();

    @Override
    public void dropped(String tenant, String visitId) {
        dropped.add(visitId);
        due.remove(visitId);
    }

    @Override
    public boolean wasDropped(String tenant, String visitId) {
        return dropped.contains(visitId);
    }

    @Override
    public List<Due> overdue(java.time.Instant now, int limit) {
        return due.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(e -> new Due("demo", e.getKey(), owners.get(e.getKey()).agentId())).limit(limit).toList();
    }

    @Override
    public Optional<Owner> find(String tenant, String visitId) {
        return Optional.ofNullable(owners.get(visitId));
    }

    @Override
    public Optional<String> claimOnecCode(String tenant, String projectId, String onecCode, String clientId) {
        if (onecCode != null) {
            String owner = onecCodes.putIfAbsent(projectId + "/" + onecCode, clientId);
            if (owner != null && !owner.equals(clientId)) {
                return Optional.of(owner);
            }
        }
        onecCodes.entrySet().removeIf(e -> e.getValue().equals(clientId) && !e.getKey().equals(projectId + "/" + onecCode));
        return Optional.empty();
    }

    @Override
    public Optional<String> clientByCode(String tenant, String projectId, String onecCode) {
        return Optional.ofNullable(onecCodes.get(projectId + "/" + onecCode));
    }

    final Map<String, String> agentCodes = new HashMap<>();

    @Override
    public Optional<String> claimAgentCode(String tenant, String projectId, String onecCode, String agentId) {
        if (onecCode != null) {
            String owner = agentCodes.putIfAbsent(projectId + "/" + onecCode, agentId);
            if (owner != null && !owner.equals(agentId)) {
                return Optional.of(owner);
            }
        }
        agentCodes.entrySet().removeIf(e -> e.getValue().equals(agentId) && !e.getKey().equals(projectId + "/" + onecCode));
        return Optional.empty();
    }

    @Override
    public Optional<String> agentByCode(String tenant, String projectId, String onecCode) {
        return Optional.ofNullable(agentCodes.get(projectId + "/" + onecCode));
    }

    @Override
    public Optional<String> codeOf(String tenant, String projectId, String agentId) {
        return agentCodes.entrySet().stream().filter(e -> e.getKey().startsWith(projectId + "/") && e.getValue().equals(agentId))
                .map(e -> e.getKey().substring(projectId.length() + 1)).findFirst();
    }

    final java.util.Set<java.time.Instant> trackKeys = new java.util.HashSet<>();

    @Override
    public java.util.Set<java.time.Instant> claimNew(String tenant, String agentId, java.util.Collection<java.time.Instant> instants) {
        java.util.Set<java.time.Instant> fresh = new java.util.HashSet<>();
        for (java.time.Instant at : instants) {
            if (trackKeys.add(at)) {
                fresh.add(at);
            }
        }
        return fresh;
    }

    /** Users as the agent's handlers write them. */
    static final class Users extends UserAccounts {
        final Map<String, Map<String, String>> created = new HashMap<>();
        final Map<String, Boolean> active = new HashMap<>();

        Users() {
            super(null, null);
        }

        @Override
        public void create(String tenant, String userId, String username, String passwordHash, List<String> roles,
                           Map<String, String> scopes) {
            if (created.containsKey(username)) {
                throw CommandRefused.conflict("ALREADY_EXISTS", "This username is taken");
            }
            created.put(username, scopes);
            active.put(userId, true);
        }

        @Override
        public void setActive(String tenant, String userId, boolean value) {
            active.put(userId, value);
        }
    }
}
