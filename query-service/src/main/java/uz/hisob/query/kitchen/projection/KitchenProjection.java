package uz.hisob.query.kitchen.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.KitchenCreated;

/**
 * The kitchen read model in PostgreSQL: kitchens, ingredients and their stock. Written with JDBC inside the
 * processor's transaction, which also stores its tracking token: rows and token commit or roll back together.
 * Handlers are idempotent-free by design (each event applied exactly once per token), so no upsert guesswork.
 */
@Component
@ProcessingGroup(KitchenProjection.NAME)
public class KitchenProjection {

    public static final String NAME = "kitchen";

    private final JdbcTemplate jdbc;

    public KitchenProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(KitchenCreated e) {
        jdbc.update("INSERT INTO kitchen (tenant, id, name, timezone, warning_threshold_pct, misuse_threshold_pct) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                e.tenant(), e.kitchenId(), e.name(), e.timezone(), e.warningThresholdPct(), e.misuseThresholdPct());
    }

    @EventHandler
    void on(IngredientDefined e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("INSERT INTO kitchen_ingredient (tenant, kitchen_id, id, name, min_stock_grams) VALUES (?, ?, ?, ?, ?)",
                tenant, e.kitchenId(), e.ingredientId(), e.name(), e.minStockGrams());
    }

    @EventHandler
    void on(DeliveryBooked e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE kitchen_ingredient SET stock_grams = stock_grams + ? WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                e.grams(), tenant, e.kitchenId(), e.ingredientId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE kitchen, kitchen_ingredient");
    }
}
