package uz.hisob.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Axon wiring both services share: the event and token table names (snake_case, written by Flyway), one Jackson 3
 * serializer for events, messages, snapshots and tokens, and a real transaction manager.
 *
 * <p>Axon 4.13's own transaction auto-configuration orders itself after a Spring Boot 3 class that moved in Boot 4,
 * so without the bean below Axon silently falls back to {@code NoTransactionManager} and every append, projection
 * write and token update would commit on its own. A test asserts this bean is what Axon uses.
 */
@Configuration(proxyBeanMethods = false)
public class AxonCommonConfig {

    private static final Serializer SERIALIZER = Jackson3Serializer.builder()
            .revisionResolver(new AnnotationRevisionResolver())
            // Axon's own polymorphic types (ReplayToken wraps another token) are denied by Jackson 3's default
            // validator (AxonFramework #4160, fixed after 4.13.0); allow Axon's and ours, nothing else.
            .jsonMapperBuilderCustomizer(b -> b.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                    .allowIfSubType("org.axonframework.")
                    .allowIfSubType("uz.hisob.")
                    .build()))
            .build();

    @Bean
    @Primary
    public Serializer serializer() {
        return SERIALIZER;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return SERIALIZER;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return SERIALIZER;
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The token store, with a node id of this instance's own. Axon's default id is the JVM's {@code pid@host}: two
     * instances that share it (two contexts in one JVM, containers that all run as pid 1 on one host name) each take
     * the other's claim as their own and process the same segment at once. {@code hisob.node-id} names the instance
     * in {@code token_entry.owner}; unset, it is {@code pid@host} and a random suffix, so a restarted instance waits
     * for its predecessor's claim to time out ({@code hisob.token-claim-timeout}) rather than assume it is dead.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 @Value("${hisob.node-id:}") String nodeId,
                                 @Value("${hisob.token-claim-timeout:PT10S}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId.isBlank()
                        ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                        : nodeId)
                .build();
    }

    @Bean
    @Primary
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Duplicate keys are recognised by PostgreSQL's SQL state, so a taken aggregate id reads as 409, not 503. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
