package uz.hisob.command.sales.placeorder;

import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.StockLocations;
import uz.hisob.command.inventory.LocationDirectory;
import uz.hisob.command.inventory.StockLocation;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.sales.pricing.Pricing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an order's lines are to be reserved (commerce.md): at the order's location when it names one; otherwise at
 * the tenant's warehouses in its priority order (those the settings leave out follow, by id), each line at the first
 * warehouse that has all of it, and split over several, in that order, only when no one has it all. A plan is made
 * on the locations' state as it is read now; the reservations then decide (another order may take the units
 * between), and a plan refused there is made again.
 */
@Component
public class Allocator {

    /** Units of a product to reserve at a location. */
    public record Part(String locationId, String productId, long quantity) {
    }

    private final AggregateReader aggregates;
    private final LocationDirectory directory;

    public Allocator(AggregateReader aggregates, LocationDirectory directory) {
        this.aggregates = aggregates;
        this.directory = directory;
    }

    /** The plan, or 409 {@code INSUFFICIENT_STOCK} with {@code shortages} when the stock is not there. */
    public List<Part> plan(String tenant, List<Pricing.Item> items, String locationId, List<String> priority) {
        List<String> locations = new ArrayList<>();
        if (locationId != null) {
            if (directory.kindOf(tenant, locationId) == null) {
                throw CommandRefused.invalid("locationId", "no such location");
            }
            locations.add(locationId);
        } else {
            Set<String> ordered = new LinkedHashSet<>(priority);
            ordered.addAll(directory.warehouses(tenant));
            locations.addAll(ordered);
        }
        Set<String> products = new LinkedHashSet<>();
        items.forEach(i -> products.add(i.productId()));
        Map<String, Map<String, Long>> available = new LinkedHashMap<>();
        for (String location : locations) {
            available.put(location, aggregates.read("stockLocationRepository", StockLocations.aggregateId(tenant, location),
                    (StockLocation l) -> l.available(products)).orElse(Map.of()));
        }
        List<Part> parts = new ArrayList<>();
        List<Map<String, Object>> shortages = new ArrayList<>();
        for (Pricing.Item item : items) {
            String whole = null;
            for (String location : locations) {
                if (left(available, location, item.productId()) >= item.quantity()) {
                    whole = location;
                    break;
                }
            }
            if (whole != null) {
                take(available, parts, whole, item.productId(), item.quantity());
                continue;
            }
            long total = 0;
            for (String location : locations) {
                total += left(available, location, item.productId());
            }
            if (total < item.quantity()) {
                Map<String, Object> shortage = new LinkedHashMap<>();
                shortage.put("productId", item.productId());
                shortage.put("locationId", locations.size() == 1 ? locations.get(0) : null);
                shortage.put("requested", item.quantity());
                shortage.put("available", total);
                shortages.add(shortage);
                continue;
            }
            long missing = item.quantity();
            for (String location : locations) {
                long here = Math.min(missing, left(available, location, item.productId()));
                if (here > 0) {
                    take(available, parts, location, item.productId(), here);
                    missing -= here;
                }
            }
        }
        if (!shortages.isEmpty()) {
            throw CommandRefused.conflict("INSUFFICIENT_STOCK", "Not enough stock", Map.of("shortages", shortages));
        }
        return parts;
    }

    private static long left(Map<String, Map<String, Long>> available, String location, String productId) {
        return available.getOrDefault(location, Map.of()).getOrDefault(productId, 0L);
    }

    private static void take(Map<String, Map<String, Long>> available, List<Part> parts, String location, String productId,
                             long quantity) {
        Map<String, Long> at = new LinkedHashMap<>(available.getOrDefault(location, Map.of()));
        at.merge(productId, -quantity, Long::sum);
        available.put(location, at);
        parts.add(new Part(location, productId, quantity));
    }
}
