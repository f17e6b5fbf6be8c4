package uz.hisob.api.onec;

import java.util.List;

/**
 * Applies a batch of items read from a CommerceML file 1C uploaded (onec.md, the site exchange): as a page of a sync
 * run would be (the same aggregates decide each item, unchanged ones append nothing), in one transaction, without a
 * cursor (the file is the whole catalogue or its changes). {@code exchangeId} and {@code batch} name the batch.
 */
public record ApplyCommerceMlBatch(String tenant, String projectId, String exchangeId, String batch, List<OnecProductItem> products,
                                   List<OnecPriceItem> prices, List<OnecStockItem> stock) {
}
