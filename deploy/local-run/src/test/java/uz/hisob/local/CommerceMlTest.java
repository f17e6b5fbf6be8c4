package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecStandIn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The CommerceML 2 site exchange (onec.md) as a stock 1C:Trade Management runs it: checkauth, init, the files in
 * chunks (a chunk boundary inside a Cyrillic letter), a zipped offers file, import; the catalogue, prices and stock
 * land in Hisob by the same rules as a sync's pages.
 */
class CommerceMlTest extends SystemTestSupport {

    private static OnecStandIn onec;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final OnecStandIns ONEC = new OnecStandIns(OnecBase::new, s -> onec = s);

    static String importXml(String tag) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.08" ДатаФормирования="2026-12-04T10:00:00">
                  <Классификатор>
                    <Ид>cls-%1$s</Ид>
                    <Наименование>Классификатор (Основной каталог товаров)</Наименование>
                    <Группы>
                      <Группа>
                        <Ид>grp-%1$s</Ид>
                        <Наименование>Чай и кофе</Наименование>
                        <Группы>
                          <Группа><Ид>sub-%1$s</Ид><Наименование>Зелёный чай</Наименование></Группа>
                        </Группы>
                      </Группа>
                    </Группы>
                  </Классификатор>
                  <Каталог СодержитТолькоИзменения="false">
                    <Ид>cat-%1$s</Ид>
                    <ИдКлассификатора>cls-%1$s</ИдКлассификатора>
                    <Наименование>Основной каталог товаров</Наименование>
                    <Товары>
                      <Товар>
                        <Ид>a1-%1$s</Ид>
                        <Штрихкод>47800%2$s1</Штрихкод>
                        <Артикул>ЧАЙ-%1$s-1</Артикул>
                        <Наименование>Чай зелёный «Ахмад» 100 г</Наименование>
                        <БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>
                        <Группы><Ид>sub-%1$s</Ид></Группы>
                        <ЗначенияРеквизитов>
                          <ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита>
                        </ЗначенияРеквизитов>
                      </Товар>
                      <Товар>
                        <Ид>a2-%1$s#c1</Ид>
                        <Артикул>КОФЕ-%1$s-2</Артикул>
                        <Наименование>Кофе молотый 250 г</Наименование>
                        <БазоваяЕдиница Код="796">шт</БазоваяЕдиница>
                        <Группы><Ид>grp-%1$s</Ид></Группы>
                      </Товар>
                      <Товар Статус="Удален">
                        <Ид>a3-%1$s</Ид>
                        <Наименование>Снят с продажи</Наименование>
                        <БазоваяЕдиница Код="796">шт</БазоваяЕдиница>
                      </Товар>
                    </Товары>
                  </Каталог>
                </КоммерческаяИнформация>
                """.formatted(tag, digits(tag));
    }

    /** Seven digits of the tag, for a barcode unique to the test. */
    static String digits(String tag) {
        return String.format("%07d", Math.floorMod(tag.hashCode(), 10_000_000));
    }

    static String offersXml(String tag) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.08">
                  <ПакетПредложений СодержитТолькоИзменения="false">
                    <Ид>cat-%1$s#</Ид>
                    <Наименование>Пакет предложений</Наименование>
                    <ТипыЦен>
                      <ТипЦены><Ид>pt-%1$s</Ид><Наименование>Розничная</Наименование><Валюта>сум</Валюта></ТипЦены>
                    </ТипыЦен>
                    <Склады>
                      <Склад><Ид>wh-%1$s</Ид><Наименование>Склад Юнусабад</Наименование></Склад>
                    </Склады>
                    <Предложения>
                      <Предложение>
                        <Ид>a1-%1$s</Ид>
                        <Наименование>Чай зелёный «Ахмад» 100 г</Наименование>
                        <Цены><Цена><Представление>12 000 сум за шт</Представление><ИдТипаЦены>pt-%1$s</ИдТипаЦены><ЦенаЗаЕдиницу>12000</ЦенаЗаЕдиницу><Валюта>сум</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена></Цены>
                        <Количество>40</Количество>
                        <Склад ИдСклада="wh-%1$s" КоличествоНаСкладе="40.000"/>
                      </Предложение>
                      <Предложение>
                        <Ид>a2-%1$s#c1</Ид>
                        <Цены><Цена><ИдТипаЦены>pt-%1$s</ИдТипаЦены><ЦенаЗаЕдиницу>45000,50</ЦенаЗаЕдиницу></Цена></Цены>
                        <Остатки><Остаток><Склад><Ид>wh-%1$s</Ид><Количество>4</Количество></Склад></Остаток></Остатки>
                      </Предложение>
                      <Предложение>
                        <Ид>a2-%1$s#c2</Ид>
                        <Остатки><Остаток><Склад><Ид>wh-%1$s</Ид><Количество>3</Количество></Склад></Остаток></Остатки>
                      </Предложение>
                    </Предложения>
                  </ПакетПредложений>
                </КоммерческаяИнформация>
                """.formatted(tag);
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String call(String project, String query, String auth, String cookie, byte[] body, int status) {
        WebTestClient.RequestHeadersSpec<?> spec = body == null
                ? commands().get().uri("/api/onec/" + project + "/commerceml?" + query)
                : commands().post().uri("/api/onec/" + project + "/commerceml?" + query).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(body);
        if (auth != null) {
            spec = spec.header("Authorization", auth);
        }
        if (cookie != null) {
            spec = spec.cookie(uz.hisob.command.onec.commerceml.CommerceMlEndpoint.COOKIE, cookie);
        }
        return spec.exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
    }

    static byte[] zip(String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aStock1cExchangesItsCatalogueOffersAndStockInCommerceMl() throws Exception {
        // GUIDs, as 1C writes its ids: a price's and a stock line's key (two of them) is longer than 64 characters
        String tag = java.util.UUID.randomUUID().toString();
        String project = uniqueId("sayt");
        Map<String, Object> link = OnecSyncTest.link(onec, "parol-1c");
        link.put("exchangeLogin", "sayt-1c");
        link.put("exchangePassword", "Обмен-2026");
        post("admin", "/api/projects", Map.of("id", project, "name", "Sayt", "onec", link), 201);
        String auth = basic("sayt-1c", "Обмен-2026");

        // the exchange's login, not a token
        assertThat(call(project, "type=catalog&mode=checkauth", basic("sayt-1c", "wrong"), null, null, 401)).contains("UNAUTHENTICATED");
        assertThat(call(project, "type=catalog&mode=checkauth", null, null, null, 401)).contains("UNAUTHENTICATED");
        String[] checkauth = call(project, "type=catalog&mode=checkauth", auth, null, null, 200).split("\n");
        assertThat(checkauth[0]).isEqualTo("success");
        assertThat(checkauth[1]).isEqualTo("hisob_exchange");
        String session = checkauth[2];
        assertThat(call(project, "type=catalog&mode=init", auth, null, null, 200)).startsWith("failure");
        assertThat(call(project, "type=catalog&mode=init", auth, session, null, 200)).isEqualTo("zip=yes\nfile_limit=1000000\n");

        // import.xml in two chunks, cut inside a two-byte Cyrillic letter
        byte[] catalog = importXml(tag).getBytes(StandardCharsets.UTF_8);
        int cut = new String(catalog, StandardCharsets.UTF_8).indexOf("Чай и кофе");
        cut = importXml(tag).substring(0, cut).getBytes(StandardCharsets.UTF_8).length + 1;
        assertThat(call(project, "type=catalog&mode=file&filename=import.xml", auth, session, Arrays.copyOfRange(catalog, 0, cut), 200))
                .isEqualTo("success\n");
        assertThat(call(project, "type=catalog&mode=file&filename=import.xml", auth, session,
                Arrays.copyOfRange(catalog, cut, catalog.length), 200)).isEqualTo("success\n");
        String imported = call(project, "type=catalog&mode=import&filename=import.xml", auth, session, null, 200);
        assertThat(imported).startsWith("success\nimport.xml: 3 received, 2 created");

        // offers.xml zipped, as 1C sends it with zip=yes
        assertThat(call(project, "type=catalog&mode=file&filename=import_files.zip", auth, session, zip("offers.xml", offersXml(tag)), 200))
                .isEqualTo("success\n");
        assertThat(call(project, "type=catalog&mode=import&filename=offers.xml", auth, session, null, 200)).startsWith("success\n");
        assertThat(call(project, "type=catalog&mode=import&filename=nothing.xml", auth, session, null, 200)).startsWith("failure");

        String tea = uz.hisob.command.onec.OnecKeys.product("a1-" + tag);
        String coffee = uz.hisob.command.onec.OnecKeys.product("a2-" + tag);
        String retail = uz.hisob.command.onec.OnecKeys.priceList("pt-" + tag);
        String warehouse = uz.hisob.command.onec.OnecKeys.warehouse("wh-" + tag);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<?, ?> product = read("manager", "/api/catalog/products/" + tea, 200);
            assertThat(product.get("name")).isEqualTo("Чай зелёный «Ахмад» 100 г");
            assertThat(product.get("sku")).isEqualTo("ЧАЙ-" + tag + "-1");
            assertThat(product.get("onecCode")).isEqualTo("a1-" + tag);
            assertThat(product.get("barcodes").toString()).contains("47800" + digits(tag) + "1");
            assertThat(product.get("categoryId")).isEqualTo(uz.hisob.command.onec.OnecKeys.category("sub-" + tag));
            assertThat(CatalogTest.values(product.get("prices"), "price")).containsExactly("12000.00");
            assertThat(product.get("stock").toString()).contains("locationId=" + warehouse + ", onHand=40");
            Map<?, ?> other = read("manager", "/api/catalog/products/" + coffee, 200);
            assertThat(CatalogTest.values(other.get("prices"), "price")).containsExactly("45000.50");
            assertThat(other.get("stock").toString()).contains("onHand=7"); // its two characteristics' 4 and 3
        });
        Map<?, ?> list = read("manager", "/api/catalog/price-lists/" + retail, 200);
        assertThat(list.get("name")).isEqualTo("Розничная");
        assertThat(list.get("currency")).isEqualTo("UZS");
        assertThat(read("manager", "/api/catalog/categories", 200).toString()).contains("Зелёный чай");

        // the same exchange again: a new session, nothing changed, nothing appended
        long before = eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        String again = call(project, "type=catalog&mode=checkauth", auth, null, null, 200).split("\n")[2];
        call(project, "type=catalog&mode=init", auth, again, null, 200);
        call(project, "type=catalog&mode=file&filename=import.xml", auth, again, catalog, 200);
        assertThat(call(project, "type=catalog&mode=import&filename=import.xml", auth, again, null, 200))
                .startsWith("success\nimport.xml: 3 received, 0 created, 0 updated, 3 unchanged");
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);

        // not XML: a failure with the reason
        call(project, "type=catalog&mode=file&filename=bad.xml", auth, again, "<КоммерческаяИнформация><oops".getBytes(StandardCharsets.UTF_8), 200);
        assertThat(call(project, "type=catalog&mode=import&filename=bad.xml", auth, again, null, 200)).startsWith("failure\nbad.xml");
        assertThat(call(project, "type=other&mode=init", auth, again, null, 200)).startsWith("failure");
    }
}
