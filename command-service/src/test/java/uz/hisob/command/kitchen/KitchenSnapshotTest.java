package uz.hisob.command.kitchen;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/** A kitchen written as a snapshot and read back is the same kitchen (Axon snapshots go through the serializer). */
class KitchenSnapshotTest {

    @Test
    void aSnapshotRoundTripKeepsEveryPieceOfState() {
        Kitchen k = new Kitchen();
        k.on(KitchenTest.created());
        k.on(new IngredientDefined(KitchenTest.K, "un", "Un", 10));
        k.on(new DeliveryBooked(KitchenTest.K, "d1", "un", 900, LocalDate.of(2026, 3, 2), null, null));
        k.on(new MealAdded(KitchenTest.K, "non", "Non", 1, List.of(new RecipeLine("un", 100))));
        k.on(new StockCounted(KitchenTest.K, "c1", Instant.parse("2026-03-05T10:00:00Z"), List.of(new StockCounted.Line("un", 900, 880, -20))));
        k.on(new MealServed(KitchenTest.K, "s1", "non", 2, Instant.parse("2026-03-06T10:00:00Z"), 1,
                List.of(new MealServed.Deduction("un", 200))));

        Serializer serializer = new AxonCommonConfig().serializer();
        SerializedObject<byte[]> bytes = serializer.serialize(k, byte[].class);
        Kitchen back = serializer.deserialize(bytes);

        assertThat(back).usingRecursiveComparison().isEqualTo(k);
        assertThat(back.stockOf("un")).isEqualTo(680);
    }
}
