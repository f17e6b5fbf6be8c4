package uz.hisob.command.onec.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.onec.OnecOrderDraft;
import uz.hisob.api.onec.RecordOnecOrderAttempt;
import uz.hisob.api.onec.exchange.OrderLine;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.api.onec.exchange.PostOrderResponse;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.field.AgentKeys;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.VisitOwners;
import uz.hisob.command.onec.OnecClient;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandSender;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import java.time.Duration;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Sends the due orders of the outbox to 1C with {@code PostOrder} (with failover), every
 * {@code hisob.onec.order-poll}: each is leased first, so one instance sends it (another takes it over when the lease
 * ends), and the answer is recorded by its {@link OnecOrder}. Its client, agent and products are mapped to their 1C
 * codes at each attempt; one that has none is a refusal to fix and resend.
 */
@Component
public class OnecOrderSender {

    private static final Logger log = LoggerFactory.getLogger(OnecOrderSender.class);

    private final OnecOrderOutbox outbox;
    private final CommandSender commands;
    private final OnecClient client;
    private final OnecLinks links;
    private final OnecSecrets secrets;
    private final AggregateReader aggregates;
    private final VisitOwners owners;
    private final AgentKeys agents;
    private final DatatypeFactory xml;

    public OnecOrderSender(OnecOrderOutbox outbox, CommandSender commands, OnecClient client, OnecLinks links, OnecSecrets secrets,
                           AggregateReader aggregates, VisitOwners owners, AgentKeys agents) throws DatatypeConfigurationException {
        this.outbox = outbox;
        this.commands = commands;
        this.client = client;
        this.links = links;
        this.secrets = secrets;
        this.aggregates = aggregates;
        this.owners = owners;
        this.agents = agents;
        this.xml = DatatypeFactory.newInstance();
    }

    @Scheduled(fixedDelayString = "${hisob.onec.order-poll:PT1S}", initialDelayString = "${hisob.onec.order-poll:PT1S}")
    public void sendDue() {
        List<OnecOrderOutbox.Due> due;
        try {
            // leased for longer than two timeouts of the longest link (300 s each): the answer is recorded before it ends
            due = outbox.take(20, Duration.ofMinutes(11));
        } catch (RuntimeException e) {
            log.warn("Could not read the orders due to 1C; the next poll tries again: {}", e.toString());
            return;
        }
        for (OnecOrderOutbox.Due order : due) {
            try {
                send(order);
            } catch (RuntimeException e) {
                log.warn("Could not record the 1C answer for order {}; it is sent again when its lease ends", order.orderId(), e);
            }
        }
    }

    private void send(OnecOrderOutbox.Due order) {
        Actor actor = Actor.system(order.tenant());
        Optional<OnecLinks.Row> link = links.find(order.tenant(), order.projectId());
        Optional<OnecSecrets.Plain> secret = secrets.read(order.tenant(), order.projectId());
        if (link.isEmpty() || secret.isEmpty()) {
            record(actor, order, RecordOnecOrderAttempt.REFUSED, null, null, "The project is no longer linked to 1C");
            return;
        }
        PostOrder post;
        try {
            post = postOrder(order);
        } catch (Unmapped e) {
            record(actor, order, RecordOnecOrderAttempt.REFUSED, null, null, e.getMessage());
            return;
        }
        var s = link.get().settings();
        OnecClient.Target target = new OnecClient.Target(order.tenant(), order.projectId(), s.wsdlUrl(), s.alternativeWsdlUrl(), s.username(),
                secret.get().password(), Duration.ofSeconds(s.timeoutSeconds()));
        try {
            PostOrderResponse answer = client.call(target, "PostOrder", post, PostOrderResponse.class).value();
            record(actor, order, RecordOnecOrderAttempt.SENT, answer.getNumber(), answer.getStatus(), null);
        } catch (OnecClient.Refused e) {
            record(actor, order, RecordOnecOrderAttempt.REFUSED, null, null, e.getMessage());
        } catch (OnecClient.Unavailable e) {
            record(actor, order, RecordOnecOrderAttempt.FAILED, null, null, e.getMessage());
        }
    }

    private void record(Actor actor, OnecOrderOutbox.Due order, String outcome, String number, String status, String error) {
        commands.send(actor, new RecordOnecOrderAttempt(order.tenant(), order.orderId(), outcome, number, status, error));
    }

    /** The order in 1C's codes; {@link Unmapped} names what has none. */
    private PostOrder postOrder(OnecOrderOutbox.Due order) {
        OnecOrderDraft d = order.draft();
        String tenant = order.tenant();
        String clientCode = aggregates.read("clientRepository", FieldIds.client(tenant, d.clientId()), Client::onecCode).orElse(null);
        if (clientCode == null) {
            throw new Unmapped("Client " + d.clientId() + " has no 1C code");
        }
        List<String> productIds = d.lines().stream().map(OnecOrderDraft.Line::productId).toList();
        Map<String, String> codes = aggregates.read("catalogueRepository", Catalogues.aggregateId(tenant),
                (Catalogue c) -> c.onecCodesOf(productIds)).orElse(Map.of());
        PostOrder post = new PostOrder();
        post.setExternalId(order.orderId());
        post.setClientCode(clientCode);
        if (d.visitId() != null) {
            owners.find(tenant, d.visitId()).flatMap(o -> agents.codeOf(tenant, order.projectId(), o.agentId())).ifPresent(post::setAgentCode);
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

    /** What the order names has no 1C code: 1C could not take it. */
    private static final class Unmapped extends RuntimeException {
        Unmapped(String message) {
            super(message);
        }
    }
}
