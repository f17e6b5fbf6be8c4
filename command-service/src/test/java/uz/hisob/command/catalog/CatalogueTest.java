package uz.hisob.command.catalog;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.ArchiveProduct;
import uz.hisob.api.catalog.CreateCategory;
import uz.hisob.api.catalog.CreatePriceList;
import uz.hisob.api.catalog.CreateProduct;
import uz.hisob.api.catalog.DeleteCategory;
import uz.hisob.api.catalog.PriceLine;
import uz.hisob.api.catalog.RestoreProduct;
import uz.hisob.api.catalog.SetPrices;
import uz.hisob.api.catalog.UpdateCategory;
import uz.hisob.api.catalog.UpdatePriceList;
import uz.hisob.api.catalog.UpdateProduct;
import uz.hisob.events.catalog.CatalogueOpened;
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
import uz.hisob.events.catalog.ProductRestored;
import uz.hisob.events.catalog.ProductUpdated;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;


import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command the catalogue decides. */
class CatalogueTest {

    static final String TENANT = "demo";
    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

    AggregateTestFixture<Catalogue> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Catalogue.class);
        fixture.givenCurrentTime(NOW);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static CatalogueOpened opened() {
        return new CatalogueOpened(TENANT);
    }

    static ProductDetails details(String sku, String category, String unit, String... barcodes) {
        return new ProductDetails(sku, "Non " + sku, null, category, unit, List.of(barcodes), null, Map.of(), null);
    }

    static ProductCreated product(String id, String sku, String category, String... barcodes) {
        return new ProductCreated(id, details(sku, category, "pcs", barcodes));
    }

    // ---- categories

    @Test
    void theFirstCommandOpensTheCatalogue() {
        fixture.givenNoPriorActivity().when(new CreateCategory(TENANT, "ichimlik", "Ichimliklar", null))
                .expectEvents(opened(), new CategoryCreated("ichimlik", "Ichimliklar", null));
        fixture.given(opened()).when(new CreateCategory(TENANT, "choy", "Choy", "ichimlik"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such category");
        fixture.given(opened(), new CategoryCreated("ichimlik", "Ichimliklar", null))
                .when(new CreateCategory(TENANT, "ichimlik", "Boshqa", null))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
    }

    @Test
    void aCategoryMovesButNeverUnderItself() {
        Object[] tree = {opened(), new CategoryCreated("oziq", "Oziq-ovqat", null), new CategoryCreated("non", "Non", "oziq"),
                new CategoryCreated("lavash", "Lavash", "non")};
        fixture.given(tree).when(new UpdateCategory(TENANT, "lavash", "Lavash va patir", "oziq"))
                .expectEvents(new CategoryUpdated("lavash", "Lavash va patir", "oziq"));
        fixture.given(tree).when(new UpdateCategory(TENANT, "oziq", "Oziq", "lavash"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be the category itself or one of its subcategories");
        fixture.given(tree).when(new UpdateCategory(TENANT, "non", "Non", "non"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be the category itself or one of its subcategories");
        fixture.given(tree).when(new UpdateCategory(TENANT, "yoq", "Yo'q", null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(tree).when(new UpdateCategory(TENANT, "non", "Non", "yoq"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such category");
    }

    @Test
    void onlyAnEmptyCategoryIsDeleted() {
        Object[] tree = {opened(), new CategoryCreated("oziq", "Oziq-ovqat", null), new CategoryCreated("non", "Non", "oziq")};
        fixture.given(tree).when(new DeleteCategory(TENANT, "oziq"))
                .expectNoEvents().expectException(refused("CATEGORY_NOT_EMPTY"));
        fixture.given(tree).when(new DeleteCategory(TENANT, "non")).expectEvents(new CategoryDeleted("non"));
        // an archived product still holds its category
        fixture.given(opened(), new CategoryCreated("non", "Non", null), product("p1", "NON-1", "non"), new ProductArchived("p1"))
                .when(new DeleteCategory(TENANT, "non"))
                .expectNoEvents().expectException(refused("CATEGORY_NOT_EMPTY"));
        // a product that moved away does not
        fixture.given(opened(), new CategoryCreated("non", "Non", null), new CategoryCreated("boshqa", "Boshqa", null),
                        product("p1", "NON-1", "non"), new ProductUpdated("p1", details("NON-1", "boshqa", "pcs")))
                .when(new DeleteCategory(TENANT, "non")).expectEvents(new CategoryDeleted("non"));
        fixture.given(tree).when(new DeleteCategory(TENANT, "yoq")).expectNoEvents().expectException(refused("NOT_FOUND"));
    }

    // ---- products

    @Test
    void aProductIsCreatedWithItsKeysUnique() {
        Object[] given = {opened(), new CategoryCreated("non", "Non", null), product("p1", "NON-1", "non", "4780000000011")};
        ProductDetails taxed = new ProductDetails("NON-2", "Patir", "tandirda", "non", "pcs", List.of("4780000000028"),
                new BigDecimal("12"), Map.of("og'irlik", "300 g"), "00-0001");
        fixture.given(given).when(new CreateProduct(TENANT, "p2", taxed))
                .expectEvents(new ProductCreated("p2", new ProductDetails("NON-2", "Patir", "tandirda", "non", "pcs",
                        List.of("4780000000028"), new BigDecimal("12.00"), Map.of("og'irlik", "300 g"), "00-0001")));
        fixture.given(given).when(new CreateProduct(TENANT, "p2", details("NON-1", "non", "pcs")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS")).expectExceptionMessage("The SKU NON-1 belongs to product p1");
        fixture.given(given).when(new CreateProduct(TENANT, "p2", details("NON-2", "non", "pcs", "4780000000011")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS")).expectExceptionMessage("The barcode 4780000000011 belongs to product p1");
        fixture.given(given).when(new CreateProduct(TENANT, "p1", details("NON-9", "non", "pcs")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(given).when(new CreateProduct(TENANT, "p2", details("NON-2", "non", "pcs", "111", "111")))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is listed twice");
        fixture.given(given).when(new CreateProduct(TENANT, "p2", details("NON-2", "non", "kg")))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be one of pcs, g, ml");
        fixture.given(given).when(new CreateProduct(TENANT, "p2", details("NON-2", "yoq", "g")))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such category");
        fixture.given(given).when(new CreateProduct(TENANT, "p2", new ProductDetails("NON-2", "Patir", null, null, "g", List.of(),
                        new BigDecimal("100.5"), Map.of(), null)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be 0 to 100 with at most two decimals");
    }

    @Test
    void anUpdateReplacesTheDetailsButNeverTheUnit() {
        Object[] given = {opened(), product("p1", "NON-1", null, "111"), product("p2", "NON-2", null, "222")};
        fixture.given(given).when(new UpdateProduct(TENANT, "p1", details("NON-1A", null, "pcs", "111", "333")))
                .expectEvents(new ProductUpdated("p1", details("NON-1A", null, "pcs", "111", "333")));
        fixture.given(given).when(new UpdateProduct(TENANT, "p1", details("NON-1", null, "g", "111")))
                .expectNoEvents().expectException(refused("UNIT_CHANGE_NOT_ALLOWED"));
        fixture.given(given).when(new UpdateProduct(TENANT, "p1", details("NON-2", null, "pcs")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(given).when(new UpdateProduct(TENANT, "p1", details("NON-1", null, "pcs", "222")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        // a SKU and a barcode given up are free for another product
        fixture.given(opened(), product("p1", "NON-1", null, "111"), new ProductUpdated("p1", details("NON-1B", null, "pcs")))
                .when(new CreateProduct(TENANT, "p3", details("NON-1", null, "pcs", "111")))
                .expectEvents(product("p3", "NON-1", null, "111"));
        fixture.given(given).when(new UpdateProduct(TENANT, "p9", details("NON-9", null, "pcs")))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(opened(), product("p1", "NON-1", null), new ProductArchived("p1"))
                .when(new UpdateProduct(TENANT, "p1", details("NON-1", null, "pcs")))
                .expectNoEvents().expectException(refused("PRODUCT_ARCHIVED"));
    }

    @Test
    void archiveAndRestoreAreEachOnce() {
        fixture.given(opened(), product("p1", "NON-1", null)).when(new ArchiveProduct(TENANT, "p1"))
                .expectEvents(new ProductArchived("p1"));
        fixture.given(opened(), product("p1", "NON-1", null), new ProductArchived("p1")).when(new ArchiveProduct(TENANT, "p1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(opened(), product("p1", "NON-1", null), new ProductArchived("p1")).when(new RestoreProduct(TENANT, "p1"))
                .expectEvents(new ProductRestored("p1"));
        fixture.given(opened(), product("p1", "NON-1", null)).when(new RestoreProduct(TENANT, "p1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(opened()).when(new ArchiveProduct(TENANT, "p9")).expectNoEvents().expectException(refused("NOT_FOUND"));
        // an archived product keeps its SKU
        fixture.given(opened(), product("p1", "NON-1", null), new ProductArchived("p1"))
                .when(new CreateProduct(TENANT, "p2", details("NON-1", null, "pcs")))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
    }

    @Test
    void anUploadedImageIsShownWithAProduct() {
        uz.hisob.command.images.InMemoryImageStore images = new uz.hisob.command.images.InMemoryImageStore();
        images.store(TENANT, "img1", "abc", "image/png", new byte[1], new byte[1]);
        fixture.registerInjectableResource(images);
        fixture.given(opened(), product("p1", "NON-1", null)).when(new uz.hisob.api.catalog.AttachProductImage(TENANT, "p1", "img1"))
                .expectEvents(new uz.hisob.events.catalog.ProductImageAttached("p1", "img1", "abc"));
        fixture.given(opened(), product("p1", "NON-1", null)).when(new uz.hisob.api.catalog.AttachProductImage(TENANT, "p1", "img9"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such image");
        fixture.given(opened(), product("p1", "NON-1", null), new ProductArchived("p1"))
                .when(new uz.hisob.api.catalog.AttachProductImage(TENANT, "p1", "img1"))
                .expectNoEvents().expectException(refused("PRODUCT_ARCHIVED"));
        fixture.given(opened()).when(new uz.hisob.api.catalog.AttachProductImage(TENANT, "p9", "img1"))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
    }

    // ---- price lists

    @Test
    void theFirstPriceListIsTheDefaultAndOneAlwaysIs() {
        fixture.given(opened()).when(new CreatePriceList(TENANT, "chakana", "Chakana", "UZS", true, false))
                .expectEvents(new PriceListCreated("chakana", "Chakana", "UZS", true), new DefaultPriceListChosen("chakana", null));
        Object[] one = {opened(), new PriceListCreated("chakana", "Chakana", "UZS", true), new DefaultPriceListChosen("chakana", null)};
        fixture.given(one).when(new CreatePriceList(TENANT, "ulgurji", "Ulgurji", "UZS", false, false))
                .expectEvents(new PriceListCreated("ulgurji", "Ulgurji", "UZS", false));
        fixture.given(one).when(new CreatePriceList(TENANT, "usd", "Dollar", "USD", false, true))
                .expectEvents(new PriceListCreated("usd", "Dollar", "USD", false), new DefaultPriceListChosen("usd", "chakana"));
        fixture.given(one).when(new CreatePriceList(TENANT, "x", "X", "XYZ", false, false))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is not an ISO 4217 currency");
        fixture.given(one).when(new CreatePriceList(TENANT, "chakana", "X", "UZS", false, false))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        // the default moves, but is never taken away
        Object[] two = {opened(), new PriceListCreated("chakana", "Chakana", "UZS", true), new DefaultPriceListChosen("chakana", null),
                new PriceListCreated("ulgurji", "Ulgurji", "UZS", false)};
        fixture.given(two).when(new UpdatePriceList(TENANT, "ulgurji", "Ulgurji narx", false, true))
                .expectEvents(new PriceListUpdated("ulgurji", "Ulgurji narx", false), new DefaultPriceListChosen("ulgurji", "chakana"));
        fixture.given(two).when(new UpdatePriceList(TENANT, "chakana", "Chakana", true, false))
                .expectNoEvents().expectException(refused("DEFAULT_PRICE_LIST_REQUIRED"));
        fixture.given(two).when(new UpdatePriceList(TENANT, "chakana", "Chakana narx", true, null))
                .expectEvents(new PriceListUpdated("chakana", "Chakana narx", true));
        fixture.given(two).when(new UpdatePriceList(TENANT, "yoq", "Y", true, null)).expectNoEvents().expectException(refused("NOT_FOUND"));
        // only what is given changes: {"default":true} alone moves the default
        fixture.given(two).when(new UpdatePriceList(TENANT, "ulgurji", null, null, true))
                .expectEvents(new DefaultPriceListChosen("ulgurji", "chakana"));
        fixture.given(two).when(new UpdatePriceList(TENANT, "ulgurji", null, true, null))
                .expectEvents(new PriceListUpdated("ulgurji", null, true));
    }

    @Test
    void pricesAreNewVersionsInTheListsCurrency() {
        Object[] given = {opened(), product("p1", "NON-1", null), product("p2", "NON-2", null), new ProductArchived("p2"),
                new PriceListCreated("chakana", "Chakana", "UZS", true), new DefaultPriceListChosen("chakana", null),
                new PriceListCreated("yen", "Yen", "JPY", true)};
        Instant later = Instant.parse("2026-05-01T00:00:00Z");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p1", new BigDecimal("4500"), null),
                        new PriceLine("p1", new BigDecimal("4800.5"), later))))
                .expectEvents(new PricesSet("chakana", "UZS", List.of(new PricesSet.Price("p1", new BigDecimal("4500.00"), NOW),
                        new PricesSet.Price("p1", new BigDecimal("4800.50"), later))));
        fixture.given(given).when(new SetPrices(TENANT, "yen", List.of(new PriceLine("p1", new BigDecimal("120"), null))))
                .expectEvents(new PricesSet("yen", "JPY", List.of(new PricesSet.Price("p1", new BigDecimal("120"), NOW))));
        fixture.given(given).when(new SetPrices(TENANT, "yen", List.of(new PriceLine("p1", new BigDecimal("120.5"), null))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("has more than 0 decimals for JPY");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p1", new BigDecimal("1.005"), null))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("has more than 2 decimals for UZS");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p9", BigDecimal.ONE, null))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such product");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p2", BigDecimal.ONE, null))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is archived");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p1", BigDecimal.ONE,
                        NOW.minusSeconds(3600)))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be in the past");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of(new PriceLine("p1", BigDecimal.ONE, null),
                        new PriceLine("p1", BigDecimal.TEN, null))))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is listed twice for the same validFrom");
        fixture.given(given).when(new SetPrices(TENANT, "chakana", List.of()))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must hold 1 to 1000 lines");
        fixture.given(given).when(new SetPrices(TENANT, "yoq", List.of(new PriceLine("p1", BigDecimal.ONE, null))))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
    }
}
