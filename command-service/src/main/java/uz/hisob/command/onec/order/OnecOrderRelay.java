package uz.hisob.command.onec.order;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import uz.hisob.api.onec.OnecOrderDraft;
import uz.hisob.api.onec.QueueOnecOrder;
import uz.hisob.api.field.FieldIds;
import uz.hisob.command.field.Client;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.events.sales.OrderPlaced;

import java.time.Instant;
import java.util.Optional;

/**
 * Queues every field order of a linked project for 1C once it is placed ({@link OnecOrder}). An event processor of
 * its own on the command side ({@value #NAME}), so a 1C that is down never holds up the order process; its token is
 * stored after the command it sent, and queueing an order twice does nothing, so an event handled again is harmless.
 */
@Component
@ProcessingGroup(OnecOrderRelay.NAME)
public class OnecOrderRelay {

    public static final String NAME = "onec-orders";

    private final CommandSender commands;
    private final AggregateReader aggregates;
    private final OnecLinks links;

    public OnecOrderRelay(CommandSender commands, AggregateReader aggregates, OnecLinks links) {
        this.commands = commands;
        this.aggregates = aggregates;
        this.links = links;
    }

    @EventHandler
    void on(OrderPlaced e, EventMessage<?> message, @Timestamp Instant at) {
        if (!"FIELD".equals(e.channel()) || e.clientId() == null) {
            return;
        }
        // the client's project, read from its aggregate outside this handler's unit of work (as Axon wants it)
        Optional<String> project = aggregates.read("clientRepository", FieldIds.client(e.tenant(), e.clientId()),
                (Client c) -> c.facts().projectId());
        if (project.isEmpty() || links.find(e.tenant(), project.get()).isEmpty()) {
            return;
        }
        OnecOrderDraft draft = new OnecOrderDraft(e.clientId(), e.visitId(), e.currency(), at,
                e.lines().stream().map(l -> new OnecOrderDraft.Line(l.productId(), l.quantity(), l.unitPrice())).toList(), e.note());
        commands.send(Actor.causedBy(message), new QueueOnecOrder(e.tenant(), e.orderId(), project.get(), draft));
    }
}
