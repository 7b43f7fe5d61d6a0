package fr.dinum.ledger.api.config;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one clock of the application. Rules read "today" from it and Axon stamps events with it, so a
 * test can replace it and replay any decision.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(LedgerProperties properties) {
        Clock clock = Clock.system(properties.timeZone());
        // Axon's event timestamps (the history's recordedAt) come from this static clock.
        GenericEventMessage.clock = clock;
        return clock;
    }
}
