package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Begins a run reading {@code entities} (of {@link #ENTITIES}, applied in that order) from their cursors, or from the
 * start when {@code full}. Refused while a run of the project is running (409 {@code SYNC_RUNNING}).
 */
public record StartOnecSync(String tenant, String projectId, String runId, String trigger, List<String> entities, boolean full) {

    /** What a run can read, in the order it reads them: clients last, after the price lists they name. */
    public static final List<String> ENTITIES = List.of("products", "prices", "stock", "clients");
    /** What every run reads after its entities: 1C's statuses of the orders Hisob sent (onec.md "Orders to 1C"). */
    public static final String ORDER_STATUSES = "orderStatuses";
    /** The trigger of a run taken up again by another instance: only ever the running run, never a new one. */
    public static final String RESUME = "RESUME";

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }
}
