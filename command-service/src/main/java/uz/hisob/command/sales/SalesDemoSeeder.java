package uz.hisob.command.sales;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uz.hisob.api.sales.Orders;
import uz.hisob.api.sales.RegisterCustomer;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

/**
 * The embedded default's demo customer (common.md): the user {@code customer} (seeded with the other demo users)
 * gets its customer record, id {@code customer}, so that its orders' confirmations have somewhere to go. Only with
 * {@code hisob.seed.demo}.
 */
@Component
@Order(11)
public class SalesDemoSeeder implements ApplicationRunner {

    static final String TENANT = "demo";
    static final String CUSTOMER = "customer";

    private final CommandSender commands;
    private final EventStore events;
    private final boolean demo;

    public SalesDemoSeeder(CommandSender commands, EventStore events, @Value("${hisob.seed.demo:false}") boolean demo) {
        this.commands = commands;
        this.events = events;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo && events.lastSequenceNumberFor(Orders.customerAggregateId(TENANT, CUSTOMER)).isEmpty()) {
            commands.send(Actor.system(TENANT), new RegisterCustomer(TENANT, CUSTOMER, "customer@demo.hisob.uz", "Malika Rahimova",
                    "+998901234599", CUSTOMER, null));
        }
    }
}
