package uz.hisob.command.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.ArchiveProduct;
import uz.hisob.api.catalog.AttachProductImage;
import uz.hisob.api.catalog.Catalogues;
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
import uz.hisob.command.images.ImageStore;
import uz.hisob.events.catalog.CatalogueOpened;
import uz.hisob.events.catalog.CategoryCreated;
import uz.hisob.events.catalog.CategoryDeleted;
import uz.hisob.events.catalog.CategoryUpdated;
import uz.hisob.events.catalog.DefaultPriceListChosen;
import uz.hisob.events.catalog.PriceListCreated;
import uz.hisob.events.catalog.PriceListUpdated;
import uz.hisob.events.catalog.PricesSet;
import uz.hisob.events.catalog.ProductArchived;
import uz.hisob.events.catalog.ProductImageAttached;
import uz.hisob.events.catalog.ProductCreated;
import uz.hisob.events.catalog.ProductDetails;
import uz.hisob.events.catalog.ProductRestored;
import uz.hisob.events.catalog.ProductUpdated;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's catalogue: its category tree, its products' keys and its price lists. The consistency boundary of the
 * catalogue (docs/commerce.md): every rule that spans products, categories or price lists is decided here, one
 * command at a time, so that
 * <ul>
 *   <li>a SKU, and each barcode, belongs to one product of the tenant (archived ones keep theirs);</li>
 *   <li>the categories form a tree: a parent exists, and no category is moved under itself;</li>
 *   <li>a category is removed only while it holds no product (archived ones included) and no category;</li>
 *   <li>exactly one price list is the default once the tenant has any.</li>
 * </ul>
 * The state keeps only what these rules need (a product's SKU, barcodes, category, unit and whether it is archived;
 * a price list's currency); names, descriptions and prices live in the events and the read models.
 */
@Aggregate(snapshotTriggerDefinition = "catalogueSnapshotTrigger", cache = "catalogueCache")
@Revision("3") // of the snapshot shape: a change to the state below bumps it, and older snapshots are ignored (3: 1C codes, list names)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Catalogue {

    /** Units of products: quantities are whole numbers of one of these. */
    public static final Set<String> UNITS = Set.of("pcs", "g", "ml");
    static final int MAX_PRICE_LINES = 1000;
    /** How far in the past a price's {@code validFrom} may be (clock skew between a client and us), never more. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String id;
    // not final: Jackson restores these from a snapshot
    private Map<String, String> categoryParents = new HashMap<>(); // id -> parent id ("" at the top)
    private Map<String, Integer> categoryProducts = new HashMap<>();
    private Map<String, Product> products = new HashMap<>();
    private Map<String, String> skus = new HashMap<>();
    private Map<String, String> barcodes = new HashMap<>();
    /** The products by their 1C code (onec.md): a 1C sync finds a product made by hand by it. */
    private Map<String, String> onecCodes = new HashMap<>();
    private Map<String, String> priceListCurrencies = new HashMap<>();
    private Map<String, Boolean> priceListTaxIncluded = new HashMap<>();
    private Map<String, String> priceListNames = new HashMap<>();
    private String defaultPriceList;
    /** Per price list and product: the version valid now (the latest set) and those valid from later, by validFrom. */
    private Map<String, Map<String, List<PriceVersion>>> prices = new HashMap<>();

    /** What the rules (and the pricing of sales) need of a product. */
    record Product(String sku, List<String> barcodes, String categoryId, String unit, boolean archived, BigDecimal taxRatePct) {
    }

    /** A price valid from an instant on. */
    record PriceVersion(Instant validFrom, BigDecimal price) {
    }

    /**
     * What selling a product from a price list at an instant needs: the list's currency and tax rule, the product's
     * price then (null: the list has none), its tax rate (null: none), unit and whether it is archived.
     */
    public record Quote(String priceListId, String currency, boolean taxIncluded, String productId, BigDecimal price,
                        BigDecimal taxRatePct, String unit, boolean archived) {
    }

    protected Catalogue() {
        // for Axon
    }

    /**
     * A catalogue not opened yet, for a unit of work that loads it or makes it with its first change (a 1C sync's
     * page), as {@code CREATE_IF_MISSING} does for the commands here.
     */
    public static Catalogue unopened() {
        return new Catalogue();
    }

    /** The product with this 1C code, or null. */
    public String productByOnecCode(String onecCode) {
        return onecCodes.get(onecCode);
    }

    /** The 1C codes of these products that have one, by product. */
    public Map<String, String> onecCodesOf(java.util.Collection<String> productIds) {
        Map<String, String> codes = new HashMap<>();
        onecCodes.forEach((code, productId) -> {
            if (productIds.contains(productId)) {
                codes.put(productId, code);
            }
        });
        return codes;
    }

    /** Whether the product exists and is archived. */
    public boolean isArchived(String productId) {
        Product p = products.get(productId);
        return p != null && p.archived();
    }

    /** The price list's currency, or null for no such list. */
    public String currencyOf(String priceListId) {
        return priceListCurrencies.get(priceListId);
    }

    public String priceListName(String priceListId) {
        return priceListNames.get(priceListId);
    }

    public boolean hasCategory(String categoryId) {
        return categoryParents.containsKey(categoryId);
    }

    /** The category's parent, or null at the top (or for no such category). */
    public String categoryParent(String categoryId) {
        return parentOf(categoryId);
    }

    /** The tenant's default price list, or null before its first. */
    public String defaultPriceList() {
        return defaultPriceList;
    }

    /**
     * How {@code productId} sells from {@code priceListId} at {@code at}: empty when the list or the product does not
     * exist. For the pricing of carts, orders and the till, which read the catalogue and never change it.
     */
    public java.util.Optional<Quote> quote(String priceListId, String productId, Instant at) {
        String currency = priceListCurrencies.get(priceListId);
        Product product = products.get(productId);
        if (currency == null || product == null) {
            return java.util.Optional.empty();
        }
        BigDecimal price = null;
        for (PriceVersion v : prices.getOrDefault(priceListId, Map.of()).getOrDefault(productId, List.of())) {
            if (!v.validFrom().isAfter(at)) {
                price = v.price();
            }
        }
        return java.util.Optional.of(new Quote(priceListId, currency, Boolean.TRUE.equals(priceListTaxIncluded.get(priceListId)),
                productId, price, product.taxRatePct(), product.unit(), product.archived()));
    }

    /** Whether the catalogue has this price list (field sales' clients name one). */
    public boolean hasPriceList(String priceListId) {
        return priceListCurrencies.containsKey(priceListId);
    }

    // ---------------------------------------------------------------- categories

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateCategory cmd) {
        opened(cmd.tenant());
        if (categoryParents.containsKey(cmd.categoryId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A category with this id exists");
        }
        requireCategory(cmd.parentId(), "parentId");
        apply(new CategoryCreated(cmd.categoryId(), cmd.name(), cmd.parentId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateCategory cmd) {
        opened(cmd.tenant());
        existingCategory(cmd.categoryId());
        requireCategory(cmd.parentId(), "parentId");
        for (String above = cmd.parentId(); above != null; above = parentOf(above)) {
            if (above.equals(cmd.categoryId())) {
                throw CommandRefused.invalid("parentId", "must not be the category itself or one of its subcategories");
            }
        }
        apply(new CategoryUpdated(cmd.categoryId(), cmd.name(), cmd.parentId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteCategory cmd) {
        opened(cmd.tenant());
        existingCategory(cmd.categoryId());
        long children = categoryParents.values().stream().filter(cmd.categoryId()::equals).count();
        int held = categoryProducts.getOrDefault(cmd.categoryId(), 0);
        if (children > 0 || held > 0) {
            throw CommandRefused.conflict("CATEGORY_NOT_EMPTY", "The category holds " + held + " products and " + children
                    + " categories", Map.of("products", held, "categories", children));
        }
        apply(new CategoryDeleted(cmd.categoryId()));
    }

    // ---------------------------------------------------------------- products

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateProduct cmd) {
        opened(cmd.tenant());
        if (products.containsKey(cmd.productId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A product with this id exists");
        }
        ProductDetails details = checked(cmd.productId(), cmd.details());
        apply(new ProductCreated(cmd.productId(), details));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateProduct cmd) {
        opened(cmd.tenant());
        Product product = existingProduct(cmd.productId());
        if (product.archived()) {
            throw archived();
        }
        ProductDetails details = checked(cmd.productId(), cmd.details());
        if (!details.unit().equals(product.unit())) {
            // stock, recipes and orders count in the unit: a product in another unit is another product
            throw CommandRefused.conflict("UNIT_CHANGE_NOT_ALLOWED",
                    "A product's unit never changes (it is " + product.unit() + "); archive it and create another");
        }
        apply(new ProductUpdated(cmd.productId(), details));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ArchiveProduct cmd) {
        opened(cmd.tenant());
        if (!existingProduct(cmd.productId()).archived()) {
            apply(new ProductArchived(cmd.productId()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RestoreProduct cmd) {
        opened(cmd.tenant());
        // its category is still there: a category holding an archived product is not removed
        if (existingProduct(cmd.productId()).archived()) {
            apply(new ProductRestored(cmd.productId()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AttachProductImage cmd, ImageStore images) {
        opened(cmd.tenant());
        if (existingProduct(cmd.productId()).archived()) {
            throw archived();
        }
        String sha256 = images.sha256Of(cmd.tenant(), cmd.imageId())
                .orElseThrow(() -> CommandRefused.invalid("imageId", "no such image"));
        apply(new ProductImageAttached(cmd.productId(), cmd.imageId(), sha256));
    }

    // ---------------------------------------------------------------- price lists

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreatePriceList cmd) {
        opened(cmd.tenant());
        if (priceListCurrencies.containsKey(cmd.priceListId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A price list with this id exists");
        }
        try {
            Currency.getInstance(cmd.currency());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CommandRefused.invalid("currency", "is not an ISO 4217 currency");
        }
        apply(new PriceListCreated(cmd.priceListId(), cmd.name(), cmd.currency(), cmd.taxIncluded()));
        if (cmd.makeDefault() || defaultPriceList == null) {
            apply(new DefaultPriceListChosen(cmd.priceListId(), defaultPriceList));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdatePriceList cmd) {
        opened(cmd.tenant());
        existingPriceList(cmd.priceListId());
        boolean isDefault = cmd.priceListId().equals(defaultPriceList);
        if (Boolean.FALSE.equals(cmd.makeDefault()) && isDefault) {
            throw CommandRefused.conflict("DEFAULT_PRICE_LIST_REQUIRED",
                    "The tenant always has a default price list: make another one the default instead");
        }
        if (cmd.name() != null || cmd.taxIncluded() != null) {
            apply(new PriceListUpdated(cmd.priceListId(), cmd.name(), cmd.taxIncluded()));
        }
        if (Boolean.TRUE.equals(cmd.makeDefault()) && !isDefault) {
            apply(new DefaultPriceListChosen(cmd.priceListId(), defaultPriceList));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPrices cmd, Clock clock) {
        opened(cmd.tenant());
        String currency = existingPriceList(cmd.priceListId());
        if (cmd.prices() == null || cmd.prices().isEmpty() || cmd.prices().size() > MAX_PRICE_LINES) {
            throw CommandRefused.invalid("prices", "must hold 1 to " + MAX_PRICE_LINES + " lines");
        }
        Instant now = clock.instant();
        int scale = Currency.getInstance(currency).getDefaultFractionDigits();
        Set<String> seen = new HashSet<>();
        List<PricesSet.Price> prices = new ArrayList<>();
        for (int i = 0; i < cmd.prices().size(); i++) {
            PriceLine line = cmd.prices().get(i);
            String field = "prices[" + i + "]";
            Product product = products.get(line.productId());
            if (product == null) {
                throw CommandRefused.invalid(field + ".productId", "no such product");
            }
            if (product.archived()) {
                throw CommandRefused.invalid(field + ".productId", "is archived");
            }
            Instant validFrom = line.validFrom() == null ? now : line.validFrom();
            if (!seen.add(line.productId() + "@" + validFrom)) {
                throw CommandRefused.invalid(field + ".productId", "is listed twice for the same validFrom");
            }
            if (line.price() == null || line.price().signum() < 0) {
                throw CommandRefused.invalid(field + ".price", "must be zero or more");
            }
            if (line.price().stripTrailingZeros().scale() > scale) {
                throw CommandRefused.invalid(field + ".price", "has more than " + scale + " decimals for " + currency);
            }
            if (validFrom.isBefore(now.minus(PAST_TOLERANCE))) {
                // what was valid then was answered already: the past is never rewritten
                throw CommandRefused.invalid(field + ".validFrom", "must not be in the past");
            }
            prices.add(new PricesSet.Price(line.productId(), line.price().setScale(scale), validFrom));
        }
        apply(new PricesSet(cmd.priceListId(), currency, List.copyOf(prices)));
    }

    // ---------------------------------------------------------------- rules

    /** The first command of a tenant opens its catalogue. */
    private void opened(String tenant) {
        if (id == null) {
            apply(new CatalogueOpened(tenant));
        }
    }

    private void requireCategory(String categoryId, String field) {
        if (categoryId != null && !categoryParents.containsKey(categoryId)) {
            throw CommandRefused.invalid(field, "no such category");
        }
    }

    private void existingCategory(String categoryId) {
        if (!categoryParents.containsKey(categoryId)) {
            throw CommandRefused.notFound("Category not found");
        }
    }

    private String parentOf(String categoryId) {
        String parent = categoryParents.get(categoryId);
        return parent == null || parent.isEmpty() ? null : parent;
    }

    private Product existingProduct(String productId) {
        Product product = products.get(productId);
        if (product == null) {
            throw CommandRefused.notFound("Product not found");
        }
        return product;
    }

    private String existingPriceList(String priceListId) {
        String currency = priceListCurrencies.get(priceListId);
        if (currency == null) {
            throw CommandRefused.notFound("Price list not found");
        }
        return currency;
    }

    private static CommandRefused archived() {
        return CommandRefused.conflict("PRODUCT_ARCHIVED", "The product is archived; restore it first");
    }

    /** A product's details as the rules accept them: unit, tax rate, category, SKU and barcodes unique. */
    private ProductDetails checked(String productId, ProductDetails d) {
        if (!UNITS.contains(d.unit())) {
            throw CommandRefused.invalid("unit", "must be one of pcs, g, ml");
        }
        if (d.taxRatePct() != null && (d.taxRatePct().signum() < 0 || d.taxRatePct().compareTo(BigDecimal.valueOf(100)) > 0
                || d.taxRatePct().stripTrailingZeros().scale() > 2)) {
            throw CommandRefused.invalid("taxRatePct", "must be 0 to 100 with at most two decimals");
        }
        requireCategory(d.categoryId(), "categoryId");
        String skuOwner = skus.get(d.sku());
        if (skuOwner != null && !skuOwner.equals(productId)) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "The SKU " + d.sku() + " belongs to product " + skuOwner,
                    Map.of("field", "sku", "productId", skuOwner));
        }
        List<String> codes = d.barcodes() == null ? List.of() : d.barcodes();
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (!unique.add(code)) {
                throw CommandRefused.invalid("barcodes[" + i + "]", "is listed twice");
            }
            String owner = barcodes.get(code);
            if (owner != null && !owner.equals(productId)) {
                throw CommandRefused.conflict("ALREADY_EXISTS", "The barcode " + code + " belongs to product " + owner,
                        Map.of("field", "barcodes[" + i + "]", "productId", owner));
            }
        }
        BigDecimal tax = d.taxRatePct() == null ? null : d.taxRatePct().setScale(2);
        return new ProductDetails(d.sku(), d.name(), d.description(), d.categoryId(), d.unit(), List.copyOf(codes), tax,
                d.attributes() == null ? Map.of() : Map.copyOf(d.attributes()), d.onecCode());
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(CatalogueOpened e) {
        id = Catalogues.aggregateId(e.tenant());
    }

    @EventSourcingHandler
    void on(CategoryCreated e) {
        categoryParents.put(e.categoryId(), e.parentId() == null ? "" : e.parentId());
    }

    @EventSourcingHandler
    void on(CategoryUpdated e) {
        categoryParents.put(e.categoryId(), e.parentId() == null ? "" : e.parentId());
    }

    @EventSourcingHandler
    void on(CategoryDeleted e) {
        categoryParents.remove(e.categoryId());
        categoryProducts.remove(e.categoryId());
    }

    @EventSourcingHandler
    void on(ProductCreated e) {
        keep(e.productId(), e.details(), false);
    }

    @EventSourcingHandler
    void on(ProductUpdated e) {
        Product before = products.get(e.productId());
        forget(e.productId(), before);
        keep(e.productId(), e.details(), before.archived());
    }

    @EventSourcingHandler
    void on(ProductArchived e) {
        Product p = products.get(e.productId());
        products.put(e.productId(), new Product(p.sku(), p.barcodes(), p.categoryId(), p.unit(), true, p.taxRatePct()));
    }

    @EventSourcingHandler
    void on(ProductRestored e) {
        Product p = products.get(e.productId());
        products.put(e.productId(), new Product(p.sku(), p.barcodes(), p.categoryId(), p.unit(), false, p.taxRatePct()));
    }

    @EventSourcingHandler
    void on(PriceListCreated e) {
        priceListCurrencies.put(e.priceListId(), e.currency());
        priceListTaxIncluded.put(e.priceListId(), e.taxIncluded());
        priceListNames.put(e.priceListId(), e.name());
    }

    @EventSourcingHandler
    void on(PriceListUpdated e) {
        if (e.name() != null) {
            priceListNames.put(e.priceListId(), e.name());
        }
        if (e.taxIncluded() != null) {
            priceListTaxIncluded.put(e.priceListId(), e.taxIncluded());
        }
    }

    /**
     * Each new version joins its product's list by {@code validFrom} (set later, the same {@code validFrom} wins);
     * versions that a later one already replaced by {@code at} are forgotten: the past is answered by the read models.
     */
    @EventSourcingHandler
    void on(PricesSet e, @org.axonframework.eventhandling.Timestamp Instant at) {
        Map<String, List<PriceVersion>> list = prices.computeIfAbsent(e.priceListId(), k -> new HashMap<>());
        for (PricesSet.Price p : e.prices()) {
            List<PriceVersion> versions = new ArrayList<>(list.getOrDefault(p.productId(), List.of()));
            versions.removeIf(v -> v.validFrom().equals(p.validFrom()));
            versions.add(new PriceVersion(p.validFrom(), p.price()));
            versions.sort(java.util.Comparator.comparing(PriceVersion::validFrom));
            int current = -1;
            for (int i = 0; i < versions.size(); i++) {
                if (!versions.get(i).validFrom().isAfter(at)) {
                    current = i;
                }
            }
            list.put(p.productId(), current > 0 ? List.copyOf(versions.subList(current, versions.size())) : List.copyOf(versions));
        }
    }

    @EventSourcingHandler
    void on(DefaultPriceListChosen e) {
        defaultPriceList = e.priceListId();
    }

    private void keep(String productId, ProductDetails d, boolean archived) {
        products.put(productId, new Product(d.sku(), d.barcodes(), d.categoryId(), d.unit(), archived, d.taxRatePct()));
        skus.put(d.sku(), productId);
        d.barcodes().forEach(code -> barcodes.put(code, productId));
        if (d.onecCode() != null) {
            onecCodes.put(d.onecCode(), productId);
        }
        if (d.categoryId() != null) {
            categoryProducts.merge(d.categoryId(), 1, Integer::sum);
        }
    }

    private void forget(String productId, Product p) {
        skus.remove(p.sku(), productId);
        onecCodes.values().remove(productId);
        p.barcodes().forEach(code -> barcodes.remove(code, productId));
        if (p.categoryId() != null) {
            categoryProducts.computeIfPresent(p.categoryId(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
