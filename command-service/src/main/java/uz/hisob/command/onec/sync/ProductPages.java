package uz.hisob.command.onec.sync;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.ArchiveProduct;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.catalog.CreateCategory;
import uz.hisob.api.catalog.CreateProduct;
import uz.hisob.api.catalog.RestoreProduct;
import uz.hisob.api.catalog.UpdateCategory;
import uz.hisob.api.catalog.UpdateProduct;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecProductItem;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecKeys;
import uz.hisob.events.catalog.ProductDetails;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of products, into the tenant's catalogue (commerce.md) by the {@link Catalogue}'s own rules (a SKU and a
 * barcode belong to one product, a unit never changes): found by their 1C code, or made with an id from it; their SKU
 * is 1C's article (its code when it has none); their category 1C's, made or renamed as 1C has it. 1C's deletion
 * archives a product, and a product 1C lists again is restored. An item whose content hash is the last one received
 * appends nothing: the catalogue keeps no names to compare with, so an edit made in Hisob stands until 1C changes the
 * product.
 */
@Component
class ProductPages {

    private final BeanFactory beans;
    private final OnecItemHashes hashes;

    ProductPages(BeanFactory beans, OnecItemHashes hashes) {
        this.beans = beans;
        this.hashes = hashes;
    }

    @SuppressWarnings("unchecked")
    OnecCounts apply(ApplyOnecPage cmd, List<OnecError> errors) throws Exception {
        Repository<Catalogue> catalogues = beans.getBean("catalogueRepository", Repository.class);
        String tenant = cmd.tenant();
        String project = cmd.projectId();
        List<OnecProductItem> items = cmd.products();
        Set<String> codes = new LinkedHashSet<>();
        Set<String> categoryCodes = new LinkedHashSet<>();
        for (OnecProductItem i : items) {
            codes.add(i.code());
            if (i.categoryCode() != null) {
                categoryCodes.add(i.categoryCode());
            }
        }
        Map<String, OnecItemHashes.Seen> seen = hashes.seen(tenant, project, "products", codes);
        Map<String, OnecItemHashes.Seen> seenCategories = hashes.seen(tenant, project, "categories", categoryCodes);
        Aggregate<Catalogue> catalogue = items.isEmpty() ? null
                : catalogues.loadOrCreate(Catalogues.aggregateId(tenant), Catalogue::unopened);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int archived = 0;
        int failed = 0;
        for (OnecProductItem item : items) {
            String invalid = OnecLimits.product(item);
            if (invalid != null) {
                failed++;
                errors.add(new OnecError("INVALID", item.code(), invalid));
                continue;
            }
            String hash = OnecItemHashes.hash(item.toString());
            OnecItemHashes.Seen before = seen.get(item.code());
            if (before != null && before.hash().equals(hash)) {
                unchanged++;
                continue;
            }
            try {
                String categoryId = item.categoryCode() == null ? null : category(catalogue, tenant, project, item, seenCategories);
                String productId = before != null ? before.hisobId() : catalogue.invoke(c -> c.productByOnecCode(item.code()));
                ProductDetails details = new ProductDetails(item.article() != null && !item.article().isBlank() ? item.article() : item.code(),
                        item.name(), null, categoryId, item.unit(), List.copyOf(item.barcodes()), null, Map.of(), item.code());
                if (productId == null) {
                    if (item.deleted()) {
                        unchanged++; // deleted in 1C before Hisob ever had it
                        continue;
                    }
                    String id = OnecKeys.product(item.code());
                    catalogue.execute(c -> c.handle(new CreateProduct(tenant, id, details)));
                    productId = id;
                    created++;
                } else {
                    String id = productId;
                    boolean wasArchived = catalogue.invoke(c -> c.isArchived(id));
                    if (item.deleted()) {
                        if (wasArchived) {
                            unchanged++;
                        } else {
                            catalogue.execute(c -> c.handle(new ArchiveProduct(tenant, id)));
                            archived++;
                        }
                    } else {
                        if (wasArchived) {
                            catalogue.execute(c -> c.handle(new RestoreProduct(tenant, id)));
                        }
                        catalogue.execute(c -> c.handle(new UpdateProduct(tenant, id, details)));
                        updated++;
                    }
                }
                hashes.saw(tenant, project, "products", item.code(), productId, hash, 0);
            } catch (CommandRefused refused) {
                failed++;
                errors.add(OnecPageImport.refusal(refused, item.code()));
            }
        }
        return new OnecCounts(items.size(), created, updated, unchanged, archived, failed);
    }

    /** The category of 1C's code: made when new, renamed when 1C renamed it (where it sits in the tree stays Hisob's). */
    private String category(Aggregate<Catalogue> catalogue, String tenant, String project, OnecProductItem item,
                            Map<String, OnecItemHashes.Seen> seen) {
        String id = OnecKeys.category(item.categoryCode());
        String name = item.categoryName() == null || item.categoryName().isBlank() ? item.categoryCode() : item.categoryName();
        String hash = OnecItemHashes.hash(name);
        OnecItemHashes.Seen before = seen.get(item.categoryCode());
        if (before != null && before.hash().equals(hash)) {
            return id;
        }
        if (!catalogue.invoke(c -> c.hasCategory(id))) {
            catalogue.execute(c -> c.handle(new CreateCategory(tenant, id, name, null)));
        } else {
            catalogue.execute(c -> c.handle(new UpdateCategory(tenant, id, name, c.categoryParent(id))));
        }
        hashes.saw(tenant, project, "categories", item.categoryCode(), id, hash, 0);
        seen.put(item.categoryCode(), new OnecItemHashes.Seen(id, hash, 0));
        return id;
    }
}
