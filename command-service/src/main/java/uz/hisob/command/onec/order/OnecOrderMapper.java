package uz.hisob.command.onec.order;

import org.springframework.stereotype.Component;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.onec.OnecOrderDraft;
import uz.hisob.api.onec.exchange.OrderLine;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.field.AgentKeys;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.VisitOwners;
import uz.hisob.command.platform.AggregateReader;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * A field order in 1C's codes (the WSDL's {@code PostOrder}): its client's, its agent's and its products' 1C codes,
 * read from their aggregates at the time it is sent, so a code fixed after a refusal is used by the resend. For the
 * exchange web service and the CommerceML sale exchange alike.
 */
@Component
public class OnecOrderMapper {

    /** What the order names has no 1C code: 1C could not take it. */
    public static final class Unmapped extends RuntimeException {
        Unmapped(String message) {
            super(message);
        }
    }

    private final AggregateReader aggregates;
    private final VisitOwners owners;
    private final AgentKeys agents;
    private final DatatypeFactory xml;

    public OnecOrderMapper(AggregateReader aggregates, VisitOwners owners, AgentKeys agents) throws DatatypeConfigurationException {
        this.aggregates = aggregates;
        this.owners = owners;
        this.agents = agents;
        this.xml = DatatypeFactory.newInstance();
    }

    /** The order in 1C's codes; {@link Unmapped} names what has none. */
    public PostOrder map(String tenant, String projectId, String orderId, OnecOrderDraft d) {
        String clientCode = aggregates.read("clientRepository", FieldIds.client(tenant, d.clientId()), Client::onecCode).orElse(null);
        if (clientCode == null) {
            throw new Unmapped("Client " + d.clientId() + " has no 1C code");
        }
        List<String> productIds = d.lines().stream().map(OnecOrderDraft.Line::productId).toList();
        Map<String, String> codes = aggregates.read("catalogueRepository", Catalogues.aggregateId(tenant),
                (Catalogue c) -> c.onecCodesOf(productIds)).orElse(Map.of());
        PostOrder post = new PostOrder();
        post.setExternalId(orderId);
        post.setClientCode(clientCode);
        if (d.visitId() != null) {
            owners.find(tenant, d.visitId()).flatMap(o -> agents.codeOf(tenant, projectId, o.agentId())).ifPresent(post::setAgentCode);
        }
        GregorianCalendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        at.setTimeInMillis(d.placedAt().toEpochMilli());
        post.setDate(xml.newXMLGregorianCalendar(at));
        post.setCurrency(d.currency());
        post.setComment(d.note());
        for (OnecOrderDraft.Line l : d.lines()) {
            String code = codes.get(l.productId());
            if (code == null) {
                throw new Unmapped("Product " + l.productId() + " has no 1C code");
            }
            OrderLine line = new OrderLine();
            line.setProductCode(code);
            line.setQuantity(l.quantity());
            line.setPrice(l.unitPrice());
            post.getLine().add(line);
        }
        return post;
    }
}
