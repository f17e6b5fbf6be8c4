package uz.hisob.command.onec.commerceml;

import org.junit.jupiter.api.Test;
import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.api.onec.OnecStockItem;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three forms of an offer's stock by warehouse that CommerceML versions write, and what the reader refuses. */
class CommerceMlReaderTest {

    static List<OnecStockItem> stock(String offer) {
        String xml = """
                <КоммерческаяИнформация><ПакетПредложений>
                  <ТипыЦен><ТипЦены><Ид>p</Ид><Наименование>Оптовая</Наименование><Валюта>руб</Валюта></ТипЦены></ТипыЦен>
                  <Склады><Склад><Ид>w1</Ид><Наименование>Главный</Наименование></Склад></Склады>
                  <Предложения><Предложение><Ид>t1#x</Ид>%s</Предложение></Предложения>
                </ПакетПредложений></КоммерческаяИнформация>""".formatted(offer);
        List<OnecStockItem> stock = new ArrayList<>();
        CommerceMlReader.offers(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 10, p -> { }, stock::addAll);
        return stock;
    }

    @Test
    void stockIsReadInEachVersionsForm() {
        OnecStockItem expected = new OnecStockItem("t1", "w1", "Главный", 12);
        assertThat(stock("<Склад ИдСклада=\"w1\" КоличествоНаСкладе=\"12.000\"/>")).containsExactly(expected);
        assertThat(stock("<Склады ИдСклада=\"w1\" КоличествоНаСкладе=\"12\"/>")).containsExactly(expected);
        assertThat(stock("<Остатки><Остаток><Склад><Ид>w1</Ид><Количество>11,6</Количество></Склад></Остаток></Остатки>"))
                .containsExactly(expected);
        assertThat(stock("<КоличествоНаСкладах><КоличествоНаСкладе><ИдСклада>w1</ИдСклада><Количество>12</Количество>"
                + "</КоличествоНаСкладе></КоличествоНаСкладах>")).containsExactly(expected);
    }

    @Test
    void pricesTakeTheirTypesCurrencyAsIso4217() {
        String xml = """
                <КоммерческаяИнформация><ПакетПредложений>
                  <ТипыЦен><ТипЦены><Ид>p</Ид><Наименование>Оптовая</Наименование><Валюта>руб</Валюта></ТипЦены></ТипыЦен>
                  <Предложения><Предложение><Ид>t1</Ид><Цены><Цена><ИдТипаЦены>p</ИдТипаЦены><ЦенаЗаЕдиницу>1 250,50</ЦенаЗаЕдиницу></Цена></Цены>
                  </Предложение></Предложения>
                </ПакетПредложений></КоммерческаяИнформация>""";
        List<OnecPriceItem> prices = new ArrayList<>();
        CommerceMlReader.offers(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 10, prices::addAll, s -> { });
        assertThat(prices).containsExactly(new OnecPriceItem("t1", "p", "Оптовая", new BigDecimal("1250.50"), "RUB", null));
    }

    @Test
    void aDtdIsRefusedAndBrokenXmlIsMalformed() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><КоммерческаяИнформация>&e;</КоммерческаяИнформация>";
        assertThatThrownBy(() -> CommerceMlReader.products(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), 10, p -> { }))
                .isInstanceOf(CommerceMlReader.Malformed.class);
        assertThatThrownBy(() -> CommerceMlReader.products(new ByteArrayInputStream("<a><b>".getBytes(StandardCharsets.UTF_8)), 10, p -> { }))
                .isInstanceOf(CommerceMlReader.Malformed.class);
    }
}
