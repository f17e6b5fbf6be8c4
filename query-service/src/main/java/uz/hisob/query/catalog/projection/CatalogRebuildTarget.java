package uz.hisob.query.catalog.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the catalogue read model (V15): schemas {@code catalog_rm_<n>} behind views in {@code public}. */
@Component
public class CatalogRebuildTarget extends SchemaGenerations {

    private final JsonMapper json;

    public CatalogRebuildTarget(JdbcTemplate jdbc, JsonMapper json) {
        super(jdbc, CatalogProjection.NAME, "catalog", List.of("catalog_category", "catalog_product", "catalog_product_barcode",
                "catalog_price_list", "catalog_price", "catalog_product_image"), Set.of());
        this.json = json;
    }

    @Override
    public Object handler(int generation) {
        return new CatalogProjection(jdbc, json);
    }
}
