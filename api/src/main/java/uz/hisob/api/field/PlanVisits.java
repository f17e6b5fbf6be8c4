package uz.hisob.api.field;

import java.util.List;

/**
 * Plans visits, all or none (of one or many agents of a project); {@code bulk} names refused fields by item
 * ({@code visits[3].clientId}), otherwise as fields of one plan ({@code clientId}).
 */
public record PlanVisits(String tenant, String projectId, List<VisitPlan> plans, boolean bulk) {
}
