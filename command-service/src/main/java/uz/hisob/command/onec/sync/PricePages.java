package uz.hisob.command.onec.sync;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.catalog.CreatePriceList;
import uz.hisob.api.catalog.PriceLine;
import uz.hisob.api.catalog.SetPrices;
import uz.hisob.api.catalog.UpdatePriceList;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecKeys;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of prices: a price list per 1C price type (made with the type's name and currency, prices with tax, as 1C
 * keeps them), its prices set by the {@link Catalogue}'s rules. A price 1C made valid from a past instant takes
 * effect when it arrives (the catalogue never rewrites the past); one from a future instant, then. A price of a
 * product Hisob does not have yet, or in another currency than its list, is counted as failed with the reason.
 */
@Component
class PricePages {

    private final BeanFactory beans;
    private final OnecItemHashes hashes;
    private final Clock clock;

    PricePages(BeanFactory beans, OnecItemHashes hashes, Clock clock) {
        this.beans = beans;
        this.hashes = hashes;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    OnecCounts apply(ApplyOnecPage cmd, List<OnecError> errors) throws Exception {
        Repository<Catalogue> catalogues = beans.getBean("catalogueRepository", Repository.class);
        String tenant = cmd.tenant();
        String project = cmd.projectId();
        List<OnecPriceItem> items = cmd.prices();
        Set<String> keys = new LinkedHashSet<>();
        items.forEach(i -> keys.add(key(i)));
        Map<String, OnecItemHashes.Seen> seen = hashes.seen(tenant, project, "prices", keys);
        Aggregate<Catalogue> catalogue = items.isEmpty() ? null
                : catalogues.loadOrCreate(Catalogues.aggregateId(tenant), Catalogue::unopened);
        Instant now = clock.instant();
        Map<String, List<PriceLine>> byList = new LinkedHashMap<>();
        Map<String, List<OnecPriceItem>> itemsByList = new LinkedHashMap<>();
        int unchanged = 0;
        int failed = 0;
        for (OnecPriceItem item : items) {
            String invalid = OnecLimits.price(item);
            if (invalid != null) {
                failed++;
                errors.add(new OnecError("INVALID", key(item), invalid));
                continue;
            }
            String hash = OnecItemHashes.hash(item.toString());
            OnecItemHashes.Seen before = seen.get(key(item));
            if (before != null && before.hash().equals(hash)) {
                unchanged++;
                continue;
            }
            String productId = catalogue.invoke(c -> c.productByOnecCode(item.productCode()));
            if (productId == null || catalogue.invoke(c -> c.isArchived(productId))) {
                failed++;
                errors.add(new OnecError("UNKNOWN_PRODUCT", key(item), "No product of the catalogue has the 1C code " + item.productCode()
                        + (productId == null ? "" : " that is not archived")));
                continue;
            }
            String list = OnecKeys.priceList(item.priceTypeCode());
            try {
                priceList(catalogue, tenant, list, item);
            } catch (CommandRefused refused) {
                failed++;
                errors.add(OnecPageImport.refusal(refused, key(item)));
                continue;
            }
            String currency = catalogue.invoke(c -> c.currencyOf(list));
            if (!currency.equals(item.currency())) {
                failed++;
                errors.add(new OnecError("CURRENCY_MISMATCH", key(item), "The price is in " + item.currency() + ", its list in " + currency));
                continue;
            }
            int scale = Currency.getInstance(currency).getDefaultFractionDigits();
            if (item.price() == null || item.price().signum() < 0 || item.price().stripTrailingZeros().scale() > scale) {
                failed++;
                errors.add(new OnecError("INVALID_PRICE", key(item), "A price in " + currency + " is zero or more with at most " + scale
                        + " decimals"));
                continue;
            }
            Instant validFrom = item.validFrom() == null || item.validFrom().isBefore(now) ? null : item.validFrom();
            List<PriceLine> lines = byList.computeIfAbsent(list, l -> new ArrayList<>());
            List<OnecPriceItem> listed = itemsByList.computeIfAbsent(list, l -> new ArrayList<>());
            // one version per product and instant in one set: a later line of the same page wins
            int same = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).productId().equals(productId) && java.util.Objects.equals(lines.get(i).validFrom(), validFrom)) {
                    same = i;
                }
            }
            if (same >= 0) {
                lines.set(same, new PriceLine(productId, item.price(), validFrom));
                listed.set(same, item);
                unchanged++; // the earlier line of the page is replaced, not counted twice
            } else {
                lines.add(new PriceLine(productId, item.price(), validFrom));
                listed.add(item);
            }
        }
        int updated = 0;
        for (Map.Entry<String, List<PriceLine>> list : byList.entrySet()) {
            List<PriceLine> lines = list.getValue();
            for (int from = 0; from < lines.size(); from += 1000) {
                List<PriceLine> chunk = lines.subList(from, Math.min(lines.size(), from + 1000));
                catalogue.execute(c -> c.handle(new SetPrices(tenant, list.getKey(), List.copyOf(chunk)), clock));
            }
            for (OnecPriceItem item : itemsByList.get(list.getKey())) {
                hashes.saw(tenant, project, "prices", key(item), list.getKey(), OnecItemHashes.hash(item.toString()), 0);
                updated++;
            }
        }
        return new OnecCounts(items.size(), 0, updated, unchanged, 0, failed);
    }

    /** The list of a price type: made when new, renamed when 1C renamed the type. */
    private static void priceList(Aggregate<Catalogue> catalogue, String tenant, String list, OnecPriceItem item) {
        if (!catalogue.invoke(c -> c.hasPriceList(list))) {
            catalogue.execute(c -> c.handle(new CreatePriceList(tenant, list, item.priceTypeName(), item.currency(), true, false)));
        } else if (!item.priceTypeName().equals(catalogue.invoke(c -> c.priceListName(list)))) {
            catalogue.execute(c -> c.handle(new UpdatePriceList(tenant, list, item.priceTypeName(), null, null)));
        }
    }

    private static String key(OnecPriceItem item) {
        return item.productCode() + "|" + item.priceTypeCode();
    }
}
