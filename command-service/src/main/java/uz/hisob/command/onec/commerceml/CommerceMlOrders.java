package uz.hisob.command.onec.commerceml;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.onec.OnecOrderDraft;
import uz.hisob.api.onec.exchange.OrderLine;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.command.onec.order.OnecOrderMapper;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The sale half of the CommerceML exchange (onec.md): {@code query} hands 1C the project's field orders it has not
 * acknowledged, as CommerceML 2.08 documents ({@code Заказ товара}, Hisob as the seller, the client and products by
 * their 1C codes, written with StAX); {@code success} acknowledges those the session's last query handed over, which
 * are not handed again. An order whose client or products have no 1C code is left out until they have one.
 */
@Component
public class CommerceMlOrders {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OnecOrderMapper mapper;

    public CommerceMlOrders(JdbcTemplate jdbc, JsonMapper json, OnecOrderMapper mapper) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = mapper;
    }

    /** The CommerceML document of the orders not acknowledged yet; they are noted as handed to this session. */
    public String query(CommerceMlFiles.Session session) {
        record Row(String orderId, OnecOrderDraft draft) {
        }
        jdbc.update("DELETE FROM onec_exchange_sale_sent WHERE session_id = ?", session.id());
        List<PostOrder> orders = new ArrayList<>();
        String after = "";
        // up to 500 orders a query, read on past those that cannot be mapped (they must not crowd out the others)
        while (orders.size() < 500) {
            List<Row> rows = jdbc.query("""
                    SELECT o.order_id, o.draft::text FROM onec_order_outbox o
                    WHERE o.tenant = ? AND o.project_id = ? AND o.order_id > ?
                      AND NOT EXISTS (SELECT 1 FROM onec_exchange_sale_acks a WHERE a.tenant = o.tenant AND a.order_id = o.order_id)
                    ORDER BY o.order_id LIMIT 500""", (rs, n) -> new Row(rs.getString(1), json.readValue(rs.getString(2), OnecOrderDraft.class)),
                    session.tenant(), session.projectId(), after);
            if (rows.isEmpty()) {
                break;
            }
            for (Row row : rows) {
                after = row.orderId();
                if (orders.size() == 500) {
                    break;
                }
                try {
                    orders.add(mapper.map(session.tenant(), session.projectId(), row.orderId(), row.draft()));
                    jdbc.update("INSERT INTO onec_exchange_sale_sent (session_id, order_id) VALUES (?, ?) ON CONFLICT DO NOTHING", session.id(),
                            row.orderId());
                } catch (OnecOrderMapper.Unmapped e) {
                    // left out until its client and products have 1C codes
                }
            }
        }
        return document(orders);
    }

    /** {@code success}: the orders the session's last query handed over are 1C's now. */
    public int acknowledge(CommerceMlFiles.Session session) {
        int n = jdbc.update("""
                INSERT INTO onec_exchange_sale_acks (tenant, project_id, order_id)
                SELECT ?, ?, order_id FROM onec_exchange_sale_sent WHERE session_id = ? ON CONFLICT DO NOTHING""",
                session.tenant(), session.projectId(), session.id());
        jdbc.update("DELETE FROM onec_exchange_sale_sent WHERE session_id = ?", session.id());
        return n;
    }

    private static String document(List<PostOrder> orders) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("КоммерческаяИнформация");
            w.writeDefaultNamespace("urn:1C.ru:commerceml_2");
            w.writeAttribute("ВерсияСхемы", "2.08");
            w.writeAttribute("ДатаФормирования", java.time.LocalDateTime.now(ZoneOffset.UTC).withNano(0).toString());
            for (PostOrder o : orders) {
                java.time.Instant at = o.getDate().toGregorianCalendar().toInstant();
                BigDecimal total = BigDecimal.ZERO;
                for (OrderLine l : o.getLine()) {
                    total = total.add(l.getPrice().multiply(BigDecimal.valueOf(l.getQuantity())));
                }
                w.writeStartElement("Документ");
                element(w, "Ид", o.getExternalId());
                element(w, "Номер", o.getExternalId());
                element(w, "Дата", DATE.format(at));
                element(w, "Время", TIME.format(at));
                element(w, "ХозОперация", "Заказ товара");
                element(w, "Роль", "Продавец");
                element(w, "Валюта", o.getCurrency());
                element(w, "Курс", "1");
                element(w, "Сумма", total.toPlainString());
                w.writeStartElement("Контрагенты");
                w.writeStartElement("Контрагент");
                element(w, "Ид", o.getClientCode());
                element(w, "Роль", "Покупатель");
                w.writeEndElement();
                w.writeEndElement();
                if (o.getComment() != null) {
                    element(w, "Комментарий", o.getComment());
                }
                w.writeStartElement("Товары");
                for (OrderLine l : o.getLine()) {
                    w.writeStartElement("Товар");
                    element(w, "Ид", l.getProductCode());
                    w.writeStartElement("БазоваяЕдиница");
                    w.writeAttribute("Код", "796");
                    w.writeCharacters("шт");
                    w.writeEndElement();
                    element(w, "ЦенаЗаЕдиницу", l.getPrice().toPlainString());
                    element(w, "Количество", Long.toString(l.getQuantity()));
                    element(w, "Сумма", l.getPrice().multiply(BigDecimal.valueOf(l.getQuantity())).toPlainString());
                    w.writeEndElement();
                }
                w.writeEndElement();
                if (o.getAgentCode() != null) {
                    w.writeStartElement("ЗначенияРеквизитов");
                    w.writeStartElement("ЗначениеРеквизита");
                    element(w, "Наименование", "Торговый агент");
                    element(w, "Значение", o.getAgentCode());
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }
}
