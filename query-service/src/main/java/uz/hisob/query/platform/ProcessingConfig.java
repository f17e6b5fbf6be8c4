package uz.hisob.query.platform;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A read model must never silently skip an event: a handler failure rolls back the whole batch (rows and token)
 * and the processor retries it with back-off, instead of Axon's default of logging and moving on.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfig {

    @Autowired
    public void configure(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /** Wakes the processors' coordinators while idle (see {@link PromptEventSource}). */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService processorPrompter() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("processor-prompter").daemon().factory());
    }

    /** The source of the read models' processors ({@code axon.eventhandling.processors.<name>.source}) and of rebuilds. */
    @Bean
    public PromptEventSource processorEventSource(EventStore eventStore, ScheduledExecutorService processorPrompter,
                                                  @Value("${hisob.events.prompt-interval:PT0.01S}") Duration interval) {
        return new PromptEventSource(eventStore, processorPrompter, interval);
    }
}
