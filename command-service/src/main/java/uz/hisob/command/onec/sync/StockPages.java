package uz.hisob.command.onec.sync;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.inventory.CountStock;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.OpenLocation;
import uz.hisob.api.inventory.StockLocations;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecStockItem;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.inventory.LocationDirectory;
import uz.hisob.command.inventory.StockLocation;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecKeys;
import uz.hisob.command.platform.RecordIds;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of stock: 1C's quantity of each product in each of its warehouses, as a stock count of the warehouse's
 * location (commerce.md; made as a WAREHOUSE with 1C's name when new) whose id comes from the run and page, so the
 * movements say which run set them. A quantity 1C sends unchanged is not counted again (Hisob's own movements since
 * stand until 1C's figure changes). A count the location refuses (fewer than are reserved there, say) fails its
 * lines with the reason.
 */
@Component
class StockPages {

    private final BeanFactory beans;
    private final OnecItemHashes hashes;
    private final LocationDirectory locations;
    private final RecordIds recordIds;
    private final EventStore events;
    private final Clock clock;

    StockPages(BeanFactory beans, OnecItemHashes hashes, LocationDirectory locations, RecordIds recordIds, EventStore events, Clock clock) {
        this.beans = beans;
        this.hashes = hashes;
        this.locations = locations;
        this.recordIds = recordIds;
        this.events = events;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    OnecCounts apply(ApplyOnecPage cmd, List<OnecError> errors) throws Exception {
        Repository<StockLocation> stock = beans.getBean("stockLocationRepository", Repository.class);
        Repository<Catalogue> catalogues = beans.getBean("catalogueRepository", Repository.class);
        String tenant = cmd.tenant();
        String project = cmd.projectId();
        List<OnecStockItem> items = cmd.stock();
        Set<String> keys = new LinkedHashSet<>();
        items.forEach(i -> keys.add(key(i)));
        Map<String, OnecItemHashes.Seen> seen = hashes.seen(tenant, project, "stock", keys);
        Catalogue catalogue = items.isEmpty() || events.lastSequenceNumberFor(Catalogues.aggregateId(tenant)).isEmpty() ? null
                : catalogues.load(Catalogues.aggregateId(tenant)).invoke(c -> c);
        Map<String, List<OnecStockItem>> byWarehouse = new LinkedHashMap<>();
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        int unchanged = 0;
        int failed = 0;
        for (OnecStockItem item : items) {
            String invalid = OnecLimits.stock(item);
            if (invalid != null) {
                failed++;
                errors.add(new OnecError("INVALID", key(item), invalid));
                continue;
            }
            OnecItemHashes.Seen before = seen.get(key(item));
            if (before != null && before.hash().equals(OnecItemHashes.hash(item.toString()))) {
                unchanged++;
                continue;
            }
            String productId = catalogue == null ? null : catalogue.productByOnecCode(item.productCode());
            if (productId == null) {
                failed++;
                errors.add(new OnecError("UNKNOWN_PRODUCT", key(item), "No product of the catalogue has the 1C code " + item.productCode()));
                continue;
            }
            if (item.quantity() < 0) {
                failed++;
                errors.add(new OnecError("INVALID_QUANTITY", key(item), "1C has " + item.quantity() + " in stock; Hisob counts 0 or more"));
                continue;
            }
            byWarehouse.computeIfAbsent(item.warehouseCode(), w -> new ArrayList<>()).add(item);
            // a product twice in a warehouse (CommerceML's offers of its characteristics): one line, their sum
            List<Line> counted = lines.computeIfAbsent(item.warehouseCode(), w -> new ArrayList<>());
            int at = -1;
            for (int i = 0; i < counted.size(); i++) {
                if (counted.get(i).productId().equals(productId)) {
                    at = i;
                }
            }
            if (at < 0) {
                counted.add(new Line(productId, item.quantity()));
            } else {
                counted.set(at, new Line(productId, Math.addExact(counted.get(at).quantity(), item.quantity())));
            }
        }
        int updated = 0;
        for (Map.Entry<String, List<OnecStockItem>> warehouse : byWarehouse.entrySet()) {
            List<OnecStockItem> counted = warehouse.getValue();
            String locationId = OnecKeys.warehouse(warehouse.getKey());
            try {
                Aggregate<StockLocation> location;
                if (locations.kindOf(tenant, locationId) == null) {
                    OpenLocation open = new OpenLocation(tenant, locationId, counted.getFirst().warehouseName(), "WAREHOUSE", null, "Asia/Tashkent");
                    location = stock.newInstance(() -> new StockLocation(open, locations));
                } else {
                    location = stock.load(StockLocations.aggregateId(tenant, locationId));
                }
                List<Line> all = lines.get(warehouse.getKey());
                for (int from = 0; from < all.size(); from += 1000) {
                    String countId = "1c-" + OnecItemHashes.hash(cmd.runId() + "|" + warehouse.getKey() + "|" + cmd.since() + "|" + from)
                            .substring(0, 24);
                    CountStock count = new CountStock(tenant, locationId, countId, null, List.copyOf(all.subList(from, Math.min(all.size(), from + 1000))));
                    location.invoke(l -> l.handle(count, clock, recordIds));
                }
                for (OnecStockItem item : counted) {
                    hashes.saw(tenant, project, "stock", key(item), locationId, OnecItemHashes.hash(item.toString()), 0);
                }
                updated += counted.size();
            } catch (CommandRefused refused) {
                failed += counted.size();
                errors.add(OnecPageImport.refusal(refused, warehouse.getKey()));
            }
        }
        return new OnecCounts(items.size(), 0, updated, unchanged, 0, failed);
    }

    private static String key(OnecStockItem item) {
        return item.productCode() + "|" + item.warehouseCode();
    }
}
