package uz.hisob.command.sales.pricing;

import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.events.sales.OrderLine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arithmetic of the one pricing: per line, half-up to the minor unit, totals that are the sums of the lines. */
class PricingTest {

    static Catalogue.Quote quote(String product, String price, String tax, boolean taxIncluded) {
        return new Catalogue.Quote("pl", "UZS", taxIncluded, product, price == null ? null : new BigDecimal(price),
                tax == null ? null : new BigDecimal(tax), "pcs", false);
    }

    @Test
    void aTaxExcludedListAddsTheTaxPerLineRoundedHalfUp() {
        PricedOrder p = Pricing.priced(List.of(quote("a", "3333.33", "12", false), quote("b", "0.05", "15", false)),
                List.of(new Pricing.Item("a", 3), new Pricing.Item("b", 1)), Pricing.Discounts.NONE);
        OrderLine a = p.lines().get(0);
        assertThat(a.subtotal()).isEqualByComparingTo("9999.99");
        assertThat(a.tax()).isEqualTo(new BigDecimal("1200.00")); // 1199.9988
        assertThat(a.total()).isEqualTo(new BigDecimal("11199.99"));
        OrderLine b = p.lines().get(1);
        assertThat(b.tax()).isEqualTo(new BigDecimal("0.01")); // 0.0075 half-up
        assertThat(p.subtotal()).isEqualTo(new BigDecimal("10000.04"));
        assertThat(p.taxTotal()).isEqualTo(new BigDecimal("1200.01"));
        assertThat(p.total()).isEqualTo(new BigDecimal("11200.05"));
        assertThat(p.total()).isEqualTo(p.lines().stream().map(OrderLine::total).reduce(BigDecimal::add).orElseThrow());
    }

    @Test
    void aTaxIncludedListHoldsTheTaxInItsPrice() {
        PricedOrder p = Pricing.priced(List.of(quote("a", "11200.00", "12", true)), List.of(new Pricing.Item("a", 1)), Pricing.Discounts.NONE);
        assertThat(p.lines().getFirst().tax()).isEqualTo(new BigDecimal("1200.00"));
        assertThat(p.total()).isEqualTo(new BigDecimal("11200.00"));
        assertThat(p.subtotal()).isEqualTo(new BigDecimal("11200.00"));
    }

    @Test
    void anOrderLevelDiscountIsSpreadProRataAndAddsUpExactly() {
        // 100.00 off three lines of 10.00, 10.00 and 10.00: 33.34, 33.33, 33.33 — never 99.99 or 100.02
        PricedOrder p = Pricing.priced(List.of(quote("a", "10.00", null, false), quote("b", "10.00", null, false),
                        quote("c", "10.00", null, false)),
                List.of(new Pricing.Item("a", 10), new Pricing.Item("b", 10), new Pricing.Item("c", 10)),
                new Pricing.Discounts(Map.of(), new BigDecimal("100.00")));
        assertThat(p.discountTotal()).isEqualTo(new BigDecimal("100.00"));
        assertThat(p.lines().stream().map(OrderLine::discount).toList())
                .containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
        assertThat(p.total()).isEqualTo(new BigDecimal("200.00"));
        // a line discount first, then the order's on what is left; never more than a line has
        PricedOrder q = Pricing.priced(List.of(quote("a", "5.00", null, false), quote("b", "15.00", null, false)),
                List.of(new Pricing.Item("a", 1), new Pricing.Item("b", 1)),
                new Pricing.Discounts(Map.of("b", new BigDecimal("5.00")), new BigDecimal("100.00")));
        assertThat(q.lines().stream().map(OrderLine::discount).toList())
                .containsExactly(new BigDecimal("5.00"), new BigDecimal("15.00"));
        assertThat(q.total()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void archivedAndUnpricedProductsAreNotSold() {
        assertThatThrownBy(() -> Pricing.priced(List.of(new Catalogue.Quote("pl", "UZS", false, "a", BigDecimal.ONE, null, "pcs", true)),
                List.of(new Pricing.Item("a", 1)), Pricing.Discounts.NONE))
                .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.code()).isEqualTo("PRODUCT_ARCHIVED"));
        assertThatThrownBy(() -> Pricing.priced(List.of(quote("a", null, null, false)), List.of(new Pricing.Item("a", 1)), Pricing.Discounts.NONE))
                .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.code()).isEqualTo("PRICE_NOT_SET"));
    }

    @Test
    void aCurrencyWithoutMinorUnitsRoundsToWholeUnits() {
        PricedOrder p = Pricing.priced(List.of(new Catalogue.Quote("pl", "JPY", false, "a", new BigDecimal("333"), new BigDecimal("10"), "pcs", false)),
                List.of(new Pricing.Item("a", 1)), Pricing.Discounts.NONE);
        assertThat(p.lines().getFirst().tax()).isEqualTo(new BigDecimal("33")); // 33.3
        assertThat(p.total()).isEqualTo(new BigDecimal("366"));
    }
}
