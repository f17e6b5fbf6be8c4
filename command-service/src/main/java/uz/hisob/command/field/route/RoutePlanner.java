package uz.hisob.command.field.route;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.PlanRoute;
import uz.hisob.api.field.VisitPlan;
import uz.hisob.command.field.Agent;
import uz.hisob.command.field.FieldDirectory;
import uz.hisob.command.field.Project;
import uz.hisob.command.field.Route;
import uz.hisob.command.field.VisitOwners;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns routes into visits (field-sales.md): from today, in the project's zone, {@value #HORIZON_DAYS} days ahead,
 * each (route, agent, client, day) one visit whose id is derived from them, so planning again never duplicates; the
 * route's open future visits it no longer has are cancelled, those made or missed stay. All of one route's planning
 * happens in one transaction. A sweep extends every route's horizon as the days pass
 * ({@code hisob.field.route-sweep}). An archived client or an inactive agent is skipped, not an error.
 */
@Component
public class RoutePlanner {

    static final int HORIZON_DAYS = 14;
    private static final Logger log = LoggerFactory.getLogger(RoutePlanner.class);

    private final BeanFactory beans;
    private final JdbcTemplate jdbc;
    private final CommandSender sender;

    public RoutePlanner(BeanFactory beans, JdbcTemplate jdbc, CommandSender sender) {
        this.beans = beans;
        this.jdbc = jdbc;
        this.sender = sender;
    }

    /** The id of the visit a route plans for an agent at a client on a day. */
    static String visitId(String tenant, String routeId, String agentId, String clientId, LocalDate day) {
        return UUID.nameUUIDFromBytes((tenant + "/" + routeId + "/" + agentId + "/" + clientId + "/" + day).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(PlanRoute cmd, VisitOwners owners, FieldDirectory directory, Clock clock) {
        Repository<Route> routes = beans.getBean("routeRepository", Repository.class);
        Repository<Agent> agents = beans.getBean("agentRepository", Repository.class);
        Route.Plan plan = routes.load(FieldIds.route(cmd.tenant(), cmd.routeId())).invoke(Route::plan);
        Project.Rules rules = directory.project(cmd.tenant(), plan.projectId()).orElseThrow(() -> CommandRefused.notFound("Project not found"));
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        LocalDate through = today.plusDays(HORIZON_DAYS - 1);
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, VisitPlan> missing = new LinkedHashMap<>();
        for (LocalDate day = today; !day.isAfter(through); day = day.plusDays(1)) {
            if (!plan.weekdays().contains(day.getDayOfWeek().getValue())) {
                continue;
            }
            for (String clientId : plan.clientIds()) {
                String id = visitId(cmd.tenant(), cmd.routeId(), plan.agentId(), clientId, day);
                // a visit the route cancelled when it dropped the client or the day: planned anew under the next id
                for (int n = 2; owners.wasDropped(cmd.tenant(), id); n++) {
                    id = visitId(cmd.tenant(), cmd.routeId(), plan.agentId(), clientId + "#" + n, day);
                }
                wanted.add(id);
                if (owners.find(cmd.tenant(), id).isEmpty()) {
                    missing.put(id, new VisitPlan(id, clientId, plan.agentId(), day, null, plan.typeId(), null, null, cmd.routeId()));
                }
            }
        }
        int cancelled = 0;
        for (String id : owners.openOfRoute(cmd.tenant(), cmd.routeId(), clock.instant())) {
            if (!wanted.contains(id)) {
                VisitOwners.Owner owner = owners.find(cmd.tenant(), id).orElseThrow();
                agents.load(FieldIds.agent(cmd.tenant(), owner.agentId())).execute(a -> a.dropFromRoute(cmd.tenant(), id, owners));
                cancelled++;
            }
        }
        int planned = 0;
        int skipped = 0;
        if (!missing.isEmpty()) {
            Aggregate<Agent> agent = agents.load(FieldIds.agent(cmd.tenant(), plan.agentId()));
            for (VisitPlan visit : missing.values()) {
                try {
                    agent.execute(a -> a.plan(cmd.tenant(), plan.projectId(), visit, "", owners, directory, clock));
                    planned++;
                } catch (CommandRefused refused) {
                    skipped++;
                }
            }
        }
        jdbc.update("INSERT INTO route_horizons (tenant, route_id, planned_through) VALUES (?, ?, ?) ON CONFLICT (tenant, route_id) "
                + "DO UPDATE SET planned_through = EXCLUDED.planned_through", cmd.tenant(), cmd.routeId(), java.sql.Date.valueOf(through));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("planned", planned);
        answer.put("cancelled", cancelled);
        answer.put("skipped", skipped);
        answer.put("plannedThrough", through.toString());
        return answer;
    }

    /** Routes whose horizon is less than two weeks ahead are planned again (once a day as the days pass). */
    @Scheduled(fixedDelayString = "${hisob.field.route-sweep:PT1H}", initialDelayString = "${hisob.field.route-sweep:PT1H}")
    public void sweep() {
        List<Map<String, Object>> due;
        try {
            due = jdbc.queryForList("SELECT tenant, route_id FROM route_horizons WHERE planned_through < current_date + ? LIMIT 1000",
                    HORIZON_DAYS - 1);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not look for routes to plan; the next sweep tries again: {}", e.toString());
            return;
        }
        for (Map<String, Object> route : due) {
            String tenant = (String) route.get("tenant");
            try {
                sender.send(Actor.system(tenant), new PlanRoute(tenant, (String) route.get("route_id")));
            } catch (RuntimeException e) {
                log.warn("Planning route {} (tenant {}) failed; the next sweep tries again: {}", route.get("route_id"), tenant, e.toString());
            }
        }
    }
}
