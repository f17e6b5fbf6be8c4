package uz.hisob.api.onec;

import uz.hisob.events.onec.OnecCall;

import java.util.List;

/**
 * Applies one page of an entity read from 1C, all of it or nothing, in one transaction with the advance of the
 * entity's cursor from {@code since} to {@code cursor}; refused unless {@code runId} is the running run and
 * {@code since} the entity's cursor (so no page is applied twice). The items are in the list of {@code entity};
 * the other lists are empty.
 */
public record ApplyOnecPage(String tenant, String projectId, String runId, String entity, String since, String cursor, boolean more,
                            List<OnecClientItem> clients, List<OnecProductItem> products, List<OnecPriceItem> prices,
                            List<OnecStockItem> stock, List<OnecOrderStatusItem> orderStatuses, List<OnecCall> calls) {
}
