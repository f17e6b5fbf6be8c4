package uz.hisob.platform.web;

import org.springframework.context.annotation.Configuration;
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

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(pages, callers);
    }
}
