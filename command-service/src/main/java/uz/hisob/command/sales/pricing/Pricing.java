package uz.hisob.command.sales.pricing;

import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.events.sales.OrderLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The one pricing of sales, for carts, orders and (later) the till: the server's prices from a price list, the
 * discounts given to it, and tax, per line and rounded half-up to the currency's minor unit per line, so that the
 * totals are the sums of the lines, exactly (common.md). A client's idea of a price or a total is never asked.
 *
 * <p>Per line: {@code subtotal = unitPrice × quantity}; the line's discount is taken from it; of what is left, a
 * tax-included list's price holds the tax ({@code tax = net × rate ÷ (100 + rate)}, {@code total = net}), a
 * tax-excluded list adds it ({@code tax = net × rate ÷ 100}, {@code total = net + tax}).
 */
@Component
public class Pricing {

    /** A line to price: a product and its quantity. */
    public record Item(String productId, long quantity) {
    }

    /**
     * Discounts decided by promotions (commerce.md "Promotions", its own issue): per product an amount off its line,
     * and an amount off the whole order, spread over the lines pro rata to what is left of them.
     */
    public record Discounts(Map<String, BigDecimal> perProduct, BigDecimal orderLevel) {
        public static final Discounts NONE = new Discounts(Map.of(), BigDecimal.ZERO);
    }

    private final AggregateReader aggregates;

    public Pricing(AggregateReader aggregates) {
        this.aggregates = aggregates;
    }

    /**
     * Prices {@code items} from {@code priceListId} (null: the tenant's default) at {@code at}. Refuses an unknown
     * list or product (400 on the field), an archived product (409 {@code PRODUCT_ARCHIVED}) and one the list has no
     * price for (409 {@code PRICE_NOT_SET}).
     */
    public PricedOrder price(String tenant, String priceListId, List<Item> items, Instant at, Discounts discounts) {
        List<Catalogue.Quote> quotes = aggregates.read("catalogueRepository", Catalogues.aggregateId(tenant), (Catalogue c) -> {
            String list = priceListId == null ? c.defaultPriceList() : priceListId;
            if (list == null) {
                throw CommandRefused.conflict("PRICE_NOT_SET", "The shop has no price list yet");
            }
            if (!c.hasPriceList(list)) {
                throw CommandRefused.invalid("priceListId", "no such price list");
            }
            List<Catalogue.Quote> q = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                q.add(c.quote(list, items.get(i).productId(), at)
                        .orElseThrow(() -> CommandRefused.invalid("lines[" + index + "].productId", "no such product")));
            }
            return q;
        }).orElseThrow(() -> priceListId == null
                ? CommandRefused.conflict("PRICE_NOT_SET", "The shop has no price list yet")
                : CommandRefused.invalid("priceListId", "no such price list"));
        return priced(quotes, items, discounts);
    }

    /** 400 on {@code priceListId} unless the tenant's catalogue has that list. */
    public void requirePriceList(String tenant, String priceListId) {
        if (!aggregates.read("catalogueRepository", Catalogues.aggregateId(tenant), (Catalogue c) -> c.hasPriceList(priceListId)).orElse(false)) {
            throw CommandRefused.invalid("priceListId", "no such price list");
        }
    }

    /** The arithmetic alone, on quotes already read (for tests, and for a caller that holds the quotes). */
    public static PricedOrder priced(List<Catalogue.Quote> quotes, List<Item> items, Discounts discounts) {
        if (quotes.isEmpty()) {
            throw CommandRefused.invalid("lines", "must hold at least one line");
        }
        String currency = quotes.get(0).currency();
        int scale = Currency.getInstance(currency).getDefaultFractionDigits();
        boolean taxIncluded = quotes.get(0).taxIncluded();
        BigDecimal[] gross = new BigDecimal[items.size()];
        BigDecimal[] lineDiscount = new BigDecimal[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Catalogue.Quote q = quotes.get(i);
            if (q.archived()) {
                throw CommandRefused.conflict("PRODUCT_ARCHIVED", "The product " + q.productId() + " is archived and cannot be sold");
            }
            if (q.price() == null) {
                throw CommandRefused.conflict("PRICE_NOT_SET", "The product " + q.productId() + " has no price in " + q.priceListId(),
                        Map.of("productId", q.productId()));
            }
            gross[i] = q.price().multiply(BigDecimal.valueOf(items.get(i).quantity())).setScale(scale, RoundingMode.HALF_UP);
            BigDecimal off = discounts.perProduct().getOrDefault(q.productId(), BigDecimal.ZERO).setScale(scale, RoundingMode.HALF_UP);
            lineDiscount[i] = off.min(gross[i]);
        }
        spread(discounts.orderLevel().setScale(scale, RoundingMode.HALF_UP), gross, lineDiscount);
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO.setScale(scale);
        BigDecimal discountTotal = subtotal;
        BigDecimal taxTotal = subtotal;
        BigDecimal total = subtotal;
        for (int i = 0; i < items.size(); i++) {
            Catalogue.Quote q = quotes.get(i);
            BigDecimal rate = q.taxRatePct() == null ? BigDecimal.ZERO : q.taxRatePct();
            BigDecimal net = gross[i].subtract(lineDiscount[i]);
            BigDecimal tax;
            BigDecimal lineTotal;
            if (taxIncluded) {
                tax = net.multiply(rate).divide(rate.add(BigDecimal.valueOf(100)), scale, RoundingMode.HALF_UP);
                lineTotal = net;
            } else {
                tax = net.multiply(rate).divide(BigDecimal.valueOf(100), scale, RoundingMode.HALF_UP);
                lineTotal = net.add(tax);
            }
            BigDecimal unitPrice = q.price().setScale(scale, RoundingMode.HALF_UP);
            lines.add(new OrderLine(q.productId(), items.get(i).quantity(), unitPrice, gross[i], lineDiscount[i],
                    q.taxRatePct(), tax, lineTotal));
            subtotal = subtotal.add(gross[i]);
            discountTotal = discountTotal.add(lineDiscount[i]);
            taxTotal = taxTotal.add(tax);
            total = total.add(lineTotal);
        }
        return new PricedOrder(quotes.get(0).priceListId(), currency, taxIncluded, List.copyOf(lines), subtotal, discountTotal,
                taxTotal, total);
    }

    /**
     * Spreads an order-level discount over the lines pro rata to what is left of each, rounded so that the lines add
     * up to it exactly: each line gets its share rounded down, and the minor units left over go to the lines with
     * the largest remainders (the largest-remainder method), never more than a line has left.
     */
    static void spread(BigDecimal orderLevel, BigDecimal[] gross, BigDecimal[] lineDiscount) {
        if (orderLevel.signum() <= 0) {
            return;
        }
        int scale = orderLevel.scale();
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal[] left = new BigDecimal[gross.length];
        BigDecimal base = BigDecimal.ZERO;
        for (int i = 0; i < gross.length; i++) {
            left[i] = gross[i].subtract(lineDiscount[i]);
            base = base.add(left[i]);
        }
        BigDecimal amount = orderLevel.min(base);
        if (base.signum() == 0) {
            return;
        }
        BigDecimal given = BigDecimal.ZERO;
        BigDecimal[] remainder = new BigDecimal[gross.length];
        BigDecimal[] share = new BigDecimal[gross.length];
        for (int i = 0; i < gross.length; i++) {
            BigDecimal exact = amount.multiply(left[i]).divide(base, scale + 10, RoundingMode.DOWN);
            share[i] = exact.setScale(scale, RoundingMode.DOWN);
            remainder[i] = exact.subtract(share[i]);
            given = given.add(share[i]);
        }
        BigDecimal rest = amount.subtract(given);
        while (rest.signum() > 0) {
            int best = -1;
            for (int i = 0; i < gross.length; i++) {
                if (share[i].add(unit).compareTo(left[i]) <= 0 && (best < 0 || remainder[i].compareTo(remainder[best]) > 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            share[best] = share[best].add(unit);
            remainder[best] = BigDecimal.valueOf(-1);
            rest = rest.subtract(unit);
        }
        for (int i = 0; i < gross.length; i++) {
            lineDiscount[i] = lineDiscount[i].add(share[i]);
        }
    }
}
