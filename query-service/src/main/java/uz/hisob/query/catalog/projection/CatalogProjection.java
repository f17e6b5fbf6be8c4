package uz.hisob.query.catalog.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.catalog.CategoryCreated;
import uz.hisob.events.catalog.CategoryDeleted;
import uz.hisob.events.catalog.CategoryUpdated;
import uz.hisob.events.catalog.DefaultPriceListChosen;
import uz.hisob.events.catalog.PriceListCreated;
import uz.hisob.events.catalog.PriceListUpdated;
import uz.hisob.events.catalog.PricesSet;
import uz.hisob.events.catalog.ProductArchived;
import uz.hisob.events.catalog.ProductCreated;
import uz.hisob.events.catalog.ProductDetails;
import uz.hisob.events.catalog.ProductImageAttached;
import uz.hisob.events.catalog.ProductRestored;
import uz.hisob.events.catalog.ProductUpdated;

import java.time.Instant;
import java.util.List;

/**
 * The catalogue read model in PostgreSQL: categories, products and their barcodes, price lists, and every version of
 * every price. Written with JDBC in the processor's transaction, which also stores its token.
 */
@Component
@ProcessingGroup(CatalogProjection.NAME)
public class CatalogProjection {

    public static final String NAME = "catalog";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public CatalogProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A replay from the first event ({@code resetTokens}) starts from empty tables. */
    @ResetHandler
    void reset() {
        new CatalogRebuildTarget(jdbc, json).truncateActive();
    }

    @EventHandler
    void on(CategoryCreated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("INSERT INTO catalog_category (tenant, id, name, parent_id) VALUES (?, ?, ?, ?)",
                tenant, e.categoryId(), e.name(), e.parentId());
    }

    @EventHandler
    void on(CategoryUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE catalog_category SET name = ?, parent_id = ? WHERE tenant = ? AND id = ?",
                e.name(), e.parentId(), tenant, e.categoryId());
    }

    @EventHandler
    void on(CategoryDeleted e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("DELETE FROM catalog_category WHERE tenant = ? AND id = ?", tenant, e.categoryId());
    }

    @EventHandler
    void on(ProductCreated e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        ProductDetails d = e.details();
        jdbc.update("INSERT INTO catalog_product (tenant, id, sku, name, description, category_id, unit, tax_rate_pct, attributes, "
                        + "onec_code, created_at, updated_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                tenant, e.productId(), d.sku(), d.name(), d.description(), d.categoryId(), d.unit(), d.taxRatePct(),
                json.writeValueAsString(d.attributes()), d.onecCode(), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), positionOf(token));
        barcodes(tenant, e.productId(), d.barcodes());
    }

    @EventHandler
    void on(ProductUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        ProductDetails d = e.details();
        jdbc.update("UPDATE catalog_product SET sku = ?, name = ?, description = ?, category_id = ?, tax_rate_pct = ?, "
                        + "attributes = ?::jsonb, onec_code = ?, updated_at = ?, position = ? WHERE tenant = ? AND id = ?",
                d.sku(), d.name(), d.description(), d.categoryId(), d.taxRatePct(), json.writeValueAsString(d.attributes()),
                d.onecCode(), java.sql.Timestamp.from(at), positionOf(token), tenant, e.productId());
        jdbc.update("DELETE FROM catalog_product_barcode WHERE tenant = ? AND product_id = ?", tenant, e.productId());
        barcodes(tenant, e.productId(), d.barcodes());
    }

    @EventHandler
    void on(ProductArchived e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        jdbc.update("UPDATE catalog_product SET archived = TRUE, updated_at = ? WHERE tenant = ? AND id = ?",
                java.sql.Timestamp.from(at), tenant, e.productId());
    }

    @EventHandler
    void on(ProductRestored e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        jdbc.update("UPDATE catalog_product SET archived = FALSE, updated_at = ? WHERE tenant = ? AND id = ?",
                java.sql.Timestamp.from(at), tenant, e.productId());
    }

    @EventHandler
    void on(PriceListCreated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("INSERT INTO catalog_price_list (tenant, id, name, currency, tax_included) VALUES (?, ?, ?, ?, ?)",
                tenant, e.priceListId(), e.name(), e.currency(), e.taxIncluded());
    }

    @EventHandler
    void on(PriceListUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE catalog_price_list SET name = COALESCE(?, name), tax_included = COALESCE(?, tax_included) WHERE tenant = ? AND id = ?",
                e.name(), e.taxIncluded(), tenant, e.priceListId());
    }

    @EventHandler
    void on(DefaultPriceListChosen e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE catalog_price_list SET is_default = (id = ?) WHERE tenant = ?", e.priceListId(), tenant);
    }

    @EventHandler
    void on(PricesSet e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        long position = positionOf(token);
        jdbc.batchUpdate("INSERT INTO catalog_price (tenant, price_list_id, product_id, valid_from, position, price, currency, "
                        + "set_at, set_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.prices().stream().map(p -> new Object[] {tenant, e.priceListId(), p.productId(), java.sql.Timestamp.from(p.validFrom()),
                        position, p.price(), e.currency(), java.sql.Timestamp.from(at), user}).toList());
    }

    @EventHandler
    void on(ProductImageAttached e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("INSERT INTO catalog_product_image (tenant, product_id, image_id, attached_at, position) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", tenant, e.productId(), e.imageId(), java.sql.Timestamp.from(at), positionOf(token));
    }

    private void barcodes(String tenant, String productId, List<String> codes) {
        jdbc.batchUpdate("INSERT INTO catalog_product_barcode (tenant, barcode, product_id) VALUES (?, ?, ?)",
                codes.stream().map(c -> new Object[] {tenant, c, productId}).toList());
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
