package uz.hisob.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import uz.hisob.platform.security.CallerResolver;

/** Registers the platform's argument resolvers for every controller. */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebFluxConfigurer {

    private final PageRequestResolver pages;
    private final CallerResolver callers;

    public WebConfig(PageRequestResolver pages, CallerResolver callers) {
        this.pages = pages;
        this.callers = callers;
    }

    /**
     * Each service keeps its own Netty event loops instead of Reactor's global ones: where two services share a JVM
     * (the local launcher, the system tests) closing one must not take the other's server down with it.
     */
    @Bean
    public ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(pages, callers);
    }
}
