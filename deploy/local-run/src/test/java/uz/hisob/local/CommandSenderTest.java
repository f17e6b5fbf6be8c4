package uz.hisob.local;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import uz.hisob.api.inventory.OpenLocation;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command sender as a process uses it: from inside an event handler's unit of work, as the user of the event,
 * continuing its trace. The command runs as a unit of work of its own: it has committed, with its position, whatever
 * becomes of the handler's.
 */
class CommandSenderTest extends SystemTestSupport {

    @Test
    void aCommandSentFromAHandlersUnitOfWorkCommitsOnItsOwnAndContinuesTheTrace() {
        CommandSender sender = system().commandContext().getBean(CommandSender.class);
        String trace = uniqueId("trace");
        String location = uniqueId("jarayon");
        GenericEventMessage<String> cause = new GenericEventMessage<>("cause",
                MetaData.with("tenant", "demo").and("user", "keeper").and("traceId", trace));
        DefaultUnitOfWork<GenericEventMessage<String>> handlers = DefaultUnitOfWork.startAndGet(cause);
        long position = sender.send(Actor.causedBy(cause), new OpenLocation("demo", location, "Jarayon", "SHOP", null, null)).position();
        // the handler's own work fails after it sent the command
        handlers.rollback(new IllegalStateException("the handler failed"));

        assertThat(position).isPositive();
        List<Map<String, Object>> events = eventsDb().queryForList("SELECT global_index, convert_from(meta_data, 'UTF8')::jsonb ->> 'traceId' AS trace, "
                + "convert_from(meta_data, 'UTF8')::jsonb ->> 'user' AS \"user\" FROM domain_event_entry WHERE aggregate_identifier = ?",
                uz.hisob.api.inventory.StockLocations.aggregateId("demo", location));
        assertThat(events).as("committed although the handler's unit of work rolled back").hasSize(1);
        assertThat(events.getFirst()).isEqualTo(Map.of("global_index", position, "trace", trace, "user", "keeper"));
    }
}
