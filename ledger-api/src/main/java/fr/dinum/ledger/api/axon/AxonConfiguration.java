package fr.dinum.ledger.api.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.dinum.ledger.api.operations.ProcessingFailures;
import fr.dinum.ledger.api.operations.RecordingErrorHandler;
import fr.dinum.ledger.domain.convention.Convention;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How Axon is put together: the Convention aggregate, JSON serialization of everything Axon stores,
 * the metadata that travels from a command to its events, and processors that stop on a failing
 * event instead of skipping it.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The metadata keys copied from a command to the events it records: the audit trail. */
    public static final String RECORDED_BY = "recordedBy";
    public static final String CORRELATION_ID = "correlationId";

    /**
     * The aggregate is registered here rather than with Axon's Spring stereotype so that the domain
     * module stays free of Spring.
     *
     * <p>Loaded conventions stay in a cache so that a command does not read and apply the whole
     * history again: with 10 000 payments that took about 250 ms per command. The cache holds weak
     * references (the garbage collector frees them under memory pressure; a convention is then
     * loaded from its events again). It stays correct with several instances: a decision made on a
     * stale cached state appends an event whose sequence number another instance has already
     * used, the unique key (aggregate, sequence) refuses it, the command is answered 409 and Axon
     * drops the entry on that rollback, so the retry loads the convention afresh. See
     * docs/adr/0004-throughput.md.
     */
    @Bean
    ConfigurerModule conventionAggregate() {
        Cache conventions = new WeakReferenceCache();
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(Convention.class).configureCache(c -> conventions));
    }

    /**
     * A failing event must never be skipped silently: Axon's default handler logs and moves on, which
     * would leave a projection wrong for ever. Propagating the error makes the processor stop the
     * segment and retry it with back-off; the processors' error handler first records which event
     * failed and why, for readiness, the metrics and the admin status (see ProcessingFailures).
     */
    @Bean
    ConfigurerModule failingEventsStopTheirProcessor(ProcessingFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> RecordingErrorHandler.listener())
                .registerDefaultErrorHandler(c -> new RecordingErrorHandler(failures)));
    }

    /**
     * Events stored under an older revision are read through their upcasters. Axon's Spring Boot
     * configuration registers every {@link EventUpcaster} bean, in bean order, with the event store.
     */
    @Bean
    EventUpcaster conventionSignedRevision1To2() {
        return new ConventionSignedUpcaster();
    }

    @Bean
    EventUpcaster paymentReceivedRevision1To2() {
        return new PaymentReceivedUpcaster();
    }

    @Bean
    ErdaIssuedUpcaster erdaIssuedUpcaster() {
        return new ErdaIssuedUpcaster();
    }

    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(RECORDED_BY, CORRELATION_ID);
    }

    /**
     * Axon's own JSON mapper, kept apart from the web layer's: what is written in the event store is
     * a permanent format that must not change with an HTTP setting.
     */
    static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }
}
