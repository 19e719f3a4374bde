package dev.curious.messenger.gateway.web;

import dev.curious.messenger.platform.Outage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The outage of the stores that REST calls read directly (the event store for the history, the state as of a time
 * and a message's versions; a database): logged once when a call first fails for it, once when a call that reads
 * the event store succeeds again.
 */
@Configuration(proxyBeanMethods = false)
class StoreReads implements WebMvcConfigurer, HandlerInterceptor {

    private final Outage outage =
            new Outage(LoggerFactory.getLogger(StoreReads.class), "The event store (or a database)");

    void failed(Throwable cause) {
        outage.failed(cause);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/api/events", "/api/conversations/*/state", "/api/audit/messages/*/history");
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (failure == null && response.getStatus() < 500) {
            outage.answered();
        }
    }
}
