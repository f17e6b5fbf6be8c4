package uz.hisob.command.field.planvisit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.PlanVisits;
import uz.hisob.api.field.VisitPlan;
import uz.hisob.command.field.Agent;
import uz.hisob.command.field.FieldDirectory;
import uz.hisob.command.field.VisitOwners;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A bulk plan: every item is decided by its agent's aggregate ({@link Agent#plan}), all in this command's one
 * transaction, so one bad item plans nothing. A refusal, whatever its kind, is a 400 naming the item by index.
 * Agents are loaded in id order, so two bulk plans never wait for each other in a circle.
 */
@Component
public class VisitPlanning {

    private final BeanFactory beans;

    public VisitPlanning(BeanFactory beans) {
        this.beans = beans;
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(PlanVisits cmd, VisitOwners owners, FieldDirectory directory, Clock clock) {
        Repository<Agent> agents = beans.getBean("agentRepository", Repository.class);
        List<VisitPlan> plans = cmd.plans();
        if (directory.project(cmd.tenant(), cmd.projectId()).isEmpty()) {
            throw CommandRefused.notFound("Project not found");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < plans.size(); i++) {
            if (!ids.add(plans.get(i).visitId())) {
                throw CommandRefused.invalid("visits[" + i + "].id", "repeats the id of an earlier item");
            }
        }
        List<Integer> order = IntStream.range(0, plans.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> plans.get(i).agentId()).thenComparing(i -> i)).toList();
        for (int i : order) {
            VisitPlan plan = plans.get(i);
            String item = cmd.bulk() ? "visits[" + i + "]." : "";
            try {
                agents.load(FieldIds.agent(cmd.tenant(), plan.agentId()))
                        .execute(agent -> agent.plan(cmd.tenant(), cmd.projectId(), plan, item, owners, directory, clock));
            } catch (AggregateNotFoundException e) {
                throw CommandRefused.invalid(item + "agentId", "is not an agent of the project");
            } catch (CommandRefused refused) {
                if (refused.kind() == CommandRefused.Kind.INVALID || !cmd.bulk()) {
                    throw refused;
                }
                throw CommandRefused.invalid("visits[" + i + "]", refused.code() + ": " + refused.getMessage());
            }
        }
        return Map.of("ids", plans.stream().map(VisitPlan::visitId).toList());
    }
}
