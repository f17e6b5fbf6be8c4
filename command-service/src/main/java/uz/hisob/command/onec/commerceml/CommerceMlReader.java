package uz.hisob.command.onec.commerceml;

import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.api.onec.OnecProductItem;
import uz.hisob.api.onec.OnecStockItem;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads CommerceML 2 files (2.05 to 2.10, as 1C:Trade Management, ERP and Retail write them) with StAX, element by
 * element, handing items on in batches: never the whole file in memory. {@code import.xml}: the classifier's groups
 * (categories) and the catalogue's products; {@code offers.xml}: price types, warehouses, and per offer its prices and
 * quantity in each warehouse (in any of the three forms the versions write). DTDs and external entities are refused.
 */
public final class CommerceMlReader {

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private CommerceMlReader() {
    }

    /** A file that is not CommerceML as this reader knows it. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The products of an {@code import.xml}, in batches of {@code batch}, each with its group as its category. */
    public static void products(InputStream in, int batch, Consumer<List<OnecProductItem>> sink) {
        Map<String, String> groups = new HashMap<>();
        List<OnecProductItem> items = new ArrayList<>(batch);
        Deque<String> path = new ArrayDeque<>();
        Deque<String[]> openGroups = new ArrayDeque<>(); // {id, name} of the groups being read
        Map<String, String> product = null;
        List<String> barcodes = new ArrayList<>();
        String productGroup = null;
        StringBuilder text = new StringBuilder();
        XMLStreamReader r = open(in);
        try {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    path.push(name);
                    text.setLength(0);
                    if (name.equals("Группа") && path.contains("Классификатор")) {
                        openGroups.push(new String[2]);
                    } else if (name.equals("Товар") && parentIs(path, "Товары")) {
                        product = new HashMap<>();
                        barcodes = new ArrayList<>();
                        productGroup = null;
                        String status = r.getAttributeValue(null, "Статус");
                        if ("Удален".equalsIgnoreCase(status == null ? "" : status.trim())) {
                            product.put("deleted", "true");
                        }
                    } else if (product != null && name.equals("БазоваяЕдиница") && parentIs(path, "Товар")) {
                        String code = r.getAttributeValue(null, "Код");
                        if (code != null) {
                            product.put("unitCode", code.trim());
                        }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    String value = text.toString().trim();
                    text.setLength(0);
                    String parent = path.peek();
                    if (!openGroups.isEmpty() && "Группа".equals(parent) && path.contains("Классификатор")) {
                        if (name.equals("Ид")) {
                            openGroups.peek()[0] = value;
                        } else if (name.equals("Наименование")) {
                            openGroups.peek()[1] = value;
                        }
                    } else if (name.equals("Группа") && !openGroups.isEmpty() && path.contains("Классификатор")) {
                        String[] g = openGroups.pop();
                        if (g[0] != null) {
                            groups.put(g[0], g[1] == null ? g[0] : g[1]);
                        }
                    } else if (product != null && "Товар".equals(parent)) {
                        switch (name) {
                            case "Ид" -> product.put("id", value);
                            case "Артикул" -> product.put("article", value);
                            case "Наименование" -> product.put("name", value);
                            case "БазоваяЕдиница" -> product.put("unit", value);
                            case "Штрихкод", "ШтрихКод" -> {
                                if (!value.isEmpty()) {
                                    barcodes.add(value);
                                }
                            }
                            case "ПометкаУдаления" -> {
                                if ("true".equalsIgnoreCase(value)) {
                                    product.put("deleted", "true");
                                }
                            }
                            default -> {
                            }
                        }
                    } else if (product != null && name.equals("Ид") && "Группы".equals(parent) && productGroup == null) {
                        productGroup = value;
                    } else if (product != null && name.equals("Товар")) {
                        String id = product.get("id");
                        if (id != null && !id.isEmpty()) {
                            String code = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
                            items.add(new OnecProductItem(code, product.getOrDefault("name", code), product.get("article"),
                                    unit(product.get("unitCode"), product.get("unit")), productGroup,
                                    productGroup == null ? null : groups.getOrDefault(productGroup, productGroup), List.copyOf(barcodes),
                                    "true".equals(product.get("deleted"))));
                            if (items.size() == batch) {
                                sink.accept(List.copyOf(items));
                                items.clear();
                            }
                        }
                        product = null;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Malformed("The file is not well-formed XML: " + e.getMessage(), e);
        } finally {
            close(r);
        }
        if (!items.isEmpty()) {
            sink.accept(List.copyOf(items));
        }
    }

    /** The prices and warehouse quantities of an {@code offers.xml}, in batches of {@code batch} each. */
    public static void offers(InputStream in, int batch, Consumer<List<OnecPriceItem>> prices, Consumer<List<OnecStockItem>> stock) {
        Map<String, String[]> priceTypes = new HashMap<>(); // id -> {name, currency}
        Map<String, String> warehouses = new HashMap<>();
        List<OnecPriceItem> priceBatch = new ArrayList<>(batch);
        List<OnecStockItem> stockBatch = new ArrayList<>(batch);
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        String[] priceType = null;
        String[] warehouse = null;
        String offer = null;
        Map<String, String> price = null;
        String[] remainder = null; // 2.10: Остатки/Остаток/Склад {id, quantity}
        XMLStreamReader r = open(in);
        try {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    path.push(name);
                    text.setLength(0);
                    if (name.equals("ТипЦены") && parentIs(path, "ТипыЦен")) {
                        priceType = new String[3];
                    } else if (name.equals("Склад") && parentIs(path, "Склады")) {
                        warehouse = new String[2];
                    } else if (name.equals("Предложение")) {
                        offer = null;
                    } else if (name.equals("Цена") && parentIs(path, "Цены")) {
                        price = new HashMap<>();
                    } else if ((name.equals("Склад") || name.equals("Склады")) && parentIs(path, "Предложение")) {
                        // 2.07/2.08: <Склад ИдСклада="…" КоличествоНаСкладе="…"/> (some writers name it Склады)
                        String id = r.getAttributeValue(null, "ИдСклада");
                        String quantity = r.getAttributeValue(null, "КоличествоНаСкладе");
                        if (offer != null && id != null && quantity != null) {
                            stockBatch.add(new OnecStockItem(offer, id.trim(), warehouses.getOrDefault(id.trim(), id.trim()), whole(quantity)));
                        }
                    } else if (name.equals("Склад") && parentIs(path, "Остаток")
                            || name.equals("КоличествоНаСкладе") && parentIs(path, "КоличествоНаСкладах")) {
                        remainder = new String[2]; // 2.10: Остатки/Остаток/Склад {Ид, Количество}; 2.05: {ИдСклада, Количество}
                    }
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    String value = text.toString().trim();
                    text.setLength(0);
                    String parent = path.peek();
                    if (priceType != null && "ТипЦены".equals(parent)) {
                        switch (name) {
                            case "Ид" -> priceType[0] = value;
                            case "Наименование" -> priceType[1] = value;
                            case "Валюта" -> priceType[2] = value;
                            default -> {
                            }
                        }
                    } else if (name.equals("ТипЦены") && priceType != null) {
                        if (priceType[0] != null) {
                            priceTypes.put(priceType[0], new String[] {priceType[1] == null ? priceType[0] : priceType[1], priceType[2]});
                        }
                        priceType = null;
                    } else if (warehouse != null && "Склад".equals(parent)) {
                        if (name.equals("Ид")) {
                            warehouse[0] = value;
                        } else if (name.equals("Наименование")) {
                            warehouse[1] = value;
                        }
                    } else if (name.equals("Склад") && warehouse != null) {
                        if (warehouse[0] != null) {
                            warehouses.put(warehouse[0], warehouse[1] == null ? warehouse[0] : warehouse[1]);
                        }
                        warehouse = null;
                    } else if (name.equals("Ид") && "Предложение".equals(parent)) {
                        offer = value.contains("#") ? value.substring(0, value.indexOf('#')) : value;
                    } else if (price != null && "Цена".equals(parent)) {
                        price.put(name, value);
                    } else if (name.equals("Цена") && price != null) {
                        String type = price.get("ИдТипаЦены");
                        String amount = price.get("ЦенаЗаЕдиницу");
                        if (offer != null && type != null && amount != null) {
                            String[] t = priceTypes.getOrDefault(type, new String[] {type, null});
                            String currency = currency(price.getOrDefault("Валюта", t[1]));
                            priceBatch.add(new OnecPriceItem(offer, type, t[0], new BigDecimal(amount.replace(',', '.').replace(" ", "")),
                                    currency, null));
                        }
                        price = null;
                    } else if (remainder != null && ("Склад".equals(parent) || "КоличествоНаСкладе".equals(parent))) {
                        if (name.equals("Ид") || name.equals("ИдСклада")) {
                            remainder[0] = value;
                        } else if (name.equals("Количество")) {
                            remainder[1] = value;
                        }
                    } else if ((name.equals("Склад") || name.equals("КоличествоНаСкладе")) && remainder != null) {
                        if (offer != null && remainder[0] != null && remainder[1] != null) {
                            stockBatch.add(new OnecStockItem(offer, remainder[0], warehouses.getOrDefault(remainder[0], remainder[0]),
                                    whole(remainder[1])));
                        }
                        remainder = null;
                    } else if (name.equals("Предложение")) {
                        if (priceBatch.size() >= batch) {
                            prices.accept(List.copyOf(priceBatch));
                            priceBatch.clear();
                        }
                        if (stockBatch.size() >= batch) {
                            stock.accept(List.copyOf(stockBatch));
                            stockBatch.clear();
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Malformed("The file is not well-formed XML: " + e.getMessage(), e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Malformed("A price or quantity is not a number Hisob can hold: " + e.getMessage(), e);
        } finally {
            close(r);
        }
        if (!priceBatch.isEmpty()) {
            prices.accept(List.copyOf(priceBatch));
        }
        if (!stockBatch.isEmpty()) {
            stock.accept(List.copyOf(stockBatch));
        }
    }

    /** CommerceML's unit by its OKEI code (796 piece, 163 gram, 111 millilitre) or short name; a piece otherwise. */
    static String unit(String okei, String shortName) {
        String s = shortName == null ? "" : shortName.trim().toLowerCase(Locale.ROOT);
        if ("163".equals(okei) || s.equals("г") || s.equals("гр")) {
            return "g";
        }
        if ("111".equals(okei) || s.equals("мл")) {
            return "ml";
        }
        return "pcs";
    }

    /** A currency as 1C writes it (a code, a numeric code, a short name) as ISO 4217. */
    static String currency(String c) {
        if (c == null || c.isBlank()) {
            return "UZS";
        }
        String s = c.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "uzs", "сум", "сўм", "so'm", "860" -> "UZS";
            case "rub", "руб", "руб.", "643" -> "RUB";
            case "usd", "$", "840" -> "USD";
            case "eur", "€", "978" -> "EUR";
            case "kzt", "тенге", "398" -> "KZT";
            default -> c.trim().toUpperCase(Locale.ROOT);
        };
    }

    /** A quantity in whole units of the product (1C writes {@code 10.000}). */
    static long whole(String quantity) {
        return new BigDecimal(quantity.trim().replace(',', '.').replace(" ", "")).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static boolean parentIs(Deque<String> path, String parent) {
        java.util.Iterator<String> it = path.iterator();
        it.next();
        return it.hasNext() && it.next().equals(parent);
    }

    private static XMLStreamReader open(InputStream in) {
        try {
            return XML.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new Malformed("The file is not XML: " + e.getMessage(), e);
        }
    }

    private static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // nothing more to read
        }
    }
}
