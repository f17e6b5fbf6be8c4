package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.util.List;

/**
 * The tenant's order settings, replaced whole: how long an unpaid order holds its stock, and the warehouses in the
 * order an order without a location is allocated to (those left out follow, by id).
 */
@Revision("1")
public record SalesSettingsChanged(String tenant, Duration reservationTtl, List<String> warehousePriority) {
}
