package uz.hisob.command.kitchen;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.events.kitchen.StockCounted;
import uz.hisob.platform.axon.AxonCommonConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A kitchen written as a snapshot and read back is the same kitchen (Axon snapshots go through the serializer). */
class KitchenSnapshotTest {

    @Test
    void aSnapshotRoundTripKeepsEveryPieceOfState() {
        Kitchen k = kitchen();

        Serializer serializer = new AxonCommonConfig().serializer();
        SerializedObject<byte[]> bytes = serializer.serialize(k, byte[].class);
        Kitchen back = serializer.deserialize(bytes);

        assertThat(back).usingRecursiveComparison().isEqualTo(k);
        assertThat(back.stockOf("un")).isEqualTo(680);
    }

    /** Snapshots of revision 2 were written while an ingredient was a record: the stored shape must not change. */
    @Test
    void anIngredientIsStoredInTheShapeOfRevisionTwo() {
        Serializer serializer = new AxonCommonConfig().serializer();
        String json = serializer.serialize(kitchen(), String.class).getData();

        JsonNode un = JsonMapper.builder().build().readTree(json).get("ingredients").get("un");
        assertThat(un.properties().stream().map(Map.Entry::getKey)).containsExactlyInAnyOrder("id", "stockGrams", "open");
        assertThat(un.get("id").asString()).isEqualTo("un");
        assertThat(un.get("stockGrams").asLong()).isEqualTo(680);
        // the count at 03-05 10:00 closed the delivery's movement; the serving after it stays open
        assertThat(un.get("open")).hasSize(1);
        assertThat(un.get("open").get(0).get("delta").asLong()).isEqualTo(-200);

        // a stored snapshot in that shape is read back from its JSON (the stock edited, so the value comes from it)
        String stored = json.replace("\"stockGrams\":680", "\"stockGrams\":681");
        Kitchen back = serializer.deserialize(new SimpleSerializedObject<>(stored, String.class,
                serializer.typeForClass(Kitchen.class)));
        assertThat(back.stockOf("un")).isEqualTo(681);
    }

    private static Kitchen kitchen() {
        Kitchen k = new Kitchen();
        k.on(KitchenTest.created());
        k.on(new IngredientDefined(KitchenTest.K, "un", "Un", 10));
        k.on(new DeliveryBooked(KitchenTest.K, "d1", "un", 900, LocalDate.of(2026, 3, 2), null, null));
        k.on(new MealAdded(KitchenTest.K, "non", "Non", 1, List.of(new RecipeLine("un", 100))));
        k.on(new StockCounted(KitchenTest.K, "c1", Instant.parse("2026-03-05T10:00:00Z"), List.of(new StockCounted.Line("un", 900, 880, -20))));
        k.on(new MealServed(KitchenTest.K, "s1", "non", 2, Instant.parse("2026-03-06T10:00:00Z"), 1,
                List.of(new MealServed.Deduction("un", 200))));
        return k;
    }
}
