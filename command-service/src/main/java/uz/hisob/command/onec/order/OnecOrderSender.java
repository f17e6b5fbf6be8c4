package uz.hisob.command.onec.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.onec.RecordOnecOrderAttempt;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.api.onec.exchange.PostOrderResponse;
import uz.hisob.command.onec.OnecClient;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    private final OnecOrderMapper mapper;

    public OnecOrderSender(OnecOrderOutbox outbox, CommandSender commands, OnecClient client, OnecLinks links, OnecSecrets secrets,
                           OnecOrderMapper mapper) {
        this.outbox = outbox;
        this.commands = commands;
        this.client = client;
        this.links = links;
        this.secrets = secrets;
        this.mapper = mapper;
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
            post = mapper.map(order.tenant(), order.projectId(), order.orderId(), order.draft());
        } catch (OnecOrderMapper.Unmapped e) {
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

}
