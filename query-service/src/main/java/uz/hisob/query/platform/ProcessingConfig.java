package uz.hisob.query.platform;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

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
}
