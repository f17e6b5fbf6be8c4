package uz.hisob.command.onec;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.hisob.command.onec.order.OnecOrderRelay;

/**
 * The 1C link's event processor ({@link OnecOrderRelay}): a failure is not skipped (Axon's default logs it and goes
 * on, which would leave an order unsent): the batch fails and is tried again after the processor's back-off.
 */
@Configuration(proxyBeanMethods = false)
public class OnecConfig {

    @Bean
    public ConfigurerModule onecOrderRelayErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(OnecOrderRelay.NAME,
                c -> PropagatingErrorHandler.instance());
    }
}
