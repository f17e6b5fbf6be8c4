package uz.hisob.query.platform;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A read model never silently skips an event, and no event stops a read model for everyone: a handler failure rolls
 * back its batch, which is retried one event at a time ({@link FailureIsolation}); the event that fails on its own is
 * parked as a dead letter with the later events of its aggregate ({@link DeadLetters}), and the rest flows.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfig {

    @Autowired
    public void configure(EventProcessingConfigurer processing, BatchCommits batchCommits) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        processing.registerDefaultHandlerInterceptor((c, name) -> batchCommits.interceptor());
        processing.registerDefaultDeadLetterPolicy(c -> DeadLetters::decide);
    }

    /**
     * Where every processor's dead letters go ({@code axon.eventhandling.processors.<name>.dlq.enabled}): Axon's
     * {@code JdbcSequencedDeadLetterQueue} in the query database, in the processor's transaction, with our names.
     */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(DeadLetters.TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Wakes the processors' coordinators while idle (see {@link PromptEventSource}). */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService processorPrompter() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("processor-prompter").daemon().factory());
    }

    /** The source of the read models' processors ({@code axon.eventhandling.processors.<name>.source}) and of rebuilds. */
    @Bean
    public PromptEventSource processorEventSource(EventStore eventStore, ScheduledExecutorService processorPrompter,
                                                  @Value("${hisob.events.prompt-interval:PT0.01S}") Duration interval,
                                                  @Value("${hisob.projection.batch-window:PT0.025S}") Duration batchWindow) {
        return new PromptEventSource(eventStore, processorPrompter, interval, batchWindow);
    }
}
