package uz.hisob.command.sales.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.CapturePayment;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

/**
 * The providers' webhook events, each applied once ({@code payment_webhook_inbox}): an event's id is claimed in the
 * transaction of the capture it causes, so a replayed delivery, or two at once, changes nothing; an event that causes
 * nothing is noted alone. A capture the order refuses (no such order, another amount) is noted and logged, and the
 * delivery answered 200: a provider would retry it for days.
 */
@Component
public class WebhookInbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);

    private final CommandSender sender;
    private final JdbcTemplate jdbc;

    public WebhookInbox(CommandSender sender, JdbcTemplate jdbc) {
        this.sender = sender;
        this.jdbc = jdbc;
    }

    /** Notes an event that causes nothing. */
    public void note(String provider, String tenant, String eventId) {
        claim(provider, tenant, eventId);
    }

    /** Records {@code capture} for the event, once; false when it was applied before or refused. */
    public boolean capture(String provider, String eventId, CapturePayment capture) {
        try {
            sender.send(Actor.system(capture.tenant()), capture, new CommandSender.InTransaction() {
                @Override
                public void beforeHandling() {
                    if (!claim(provider, capture.tenant(), eventId)) {
                        throw new AppliedBefore();
                    }
                }
            });
            return true;
        } catch (AppliedBefore before) {
            return false;
        } catch (CommandRefused | org.axonframework.modelling.command.AggregateNotFoundException refused) {
            log.warn("{} event {} for order {} of {} not applied: {}", provider, eventId, capture.orderId(), capture.tenant(),
                    refused.getMessage());
            claim(provider, capture.tenant(), eventId);
            return false;
        }
    }

    private boolean claim(String provider, String tenant, String eventId) {
        return jdbc.update("INSERT INTO payment_webhook_inbox (provider, event_id, tenant) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                provider, eventId, tenant) == 1;
    }

    /** The event's id was in the inbox: the command is not decided again. */
    private static final class AppliedBefore extends RuntimeException {
        AppliedBefore() {
            super(null, null, false, false);
        }
    }
}
