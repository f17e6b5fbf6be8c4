package uz.hisob.command.onec.sync;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecIds;
import uz.hisob.api.onec.OnecOrderStatusItem;
import uz.hisob.api.onec.RecordOnecOrderStatus;
import uz.hisob.command.onec.order.OnecOrder;
import uz.hisob.command.onec.order.OnecOrderOutbox;
import uz.hisob.events.onec.OnecCounts;

/**
 * A page of 1C's order statuses: each one of an order Hisob sent updates that order's {@link OnecOrder} (nothing when
 * it is as it was); one of an order 1C has from elsewhere is left alone.
 */
@Component
class OrderStatusPages {

    private final BeanFactory beans;
    private final EventStore events;
    private final OnecOrderOutbox outbox;

    OrderStatusPages(BeanFactory beans, EventStore events, OnecOrderOutbox outbox) {
        this.beans = beans;
        this.events = events;
        this.outbox = outbox;
    }

    @SuppressWarnings("unchecked")
    OnecCounts apply(ApplyOnecPage cmd) throws Exception {
        Repository<OnecOrder> orders = beans.getBean("onecOrderRepository", Repository.class);
        int updated = 0;
        int unchanged = 0;
        for (OnecOrderStatusItem item : cmd.orderStatuses()) {
            String id = OnecIds.order(cmd.tenant(), item.externalId());
            if (events.lastSequenceNumberFor(id).isEmpty()) {
                unchanged++;
                continue;
            }
            Aggregate<OnecOrder> order = orders.load(id);
            long before = order.version();
            order.execute(o -> o.handle(new RecordOnecOrderStatus(cmd.tenant(), item.externalId(), item.number(), item.status(),
                    item.changedAt()), outbox));
            if (order.version() > before) {
                updated++;
            } else {
                unchanged++;
            }
        }
        return new OnecCounts(cmd.orderStatuses().size(), 0, updated, unchanged, 0, 0);
    }
}
