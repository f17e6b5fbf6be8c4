package uz.hisob.command.sales;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The order process's machinery on the command side: Axon's saga store in the events database, and Axon's deadlines
 * on db-scheduler (one table, {@code scheduled_tasks}): an order's reservation expiry and the process's retries are
 * rows written in the transaction of the command that schedules them (the scheduler's data source takes part in the
 * Spring transaction), kept across restarts, and run once across nodes. The scheduler looks for due deadlines every
 * {@code hisob.sales.deadline-poll} (1 s).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class SalesConfig {

    @Bean
    public SagaStore<Object> orderSagaStore(DataSource dataSource, Serializer serializer) {
        SagaSchema schema = new SagaSchema.Builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .build();
        return JdbcSagaStore.builder()
                .dataSource(dataSource)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .serializer(serializer)
                .build();
    }

    /** The deadline manager, set once built: db-scheduler's task runs through it. */
    private final AtomicReference<DbSchedulerDeadlineManager> deadlineManager = new AtomicReference<>();

    @Bean(destroyMethod = "")
    public Scheduler deadlineScheduler(DataSource dataSource, @Value("${hisob.sales.deadline-poll:PT1S}") Duration poll) {
        Task<?> task = DbSchedulerDeadlineManager.binaryTask(deadlineManager::get);
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), java.util.List.of(task))
                .pollingInterval(poll)
                .threads(2)
                .tableName("scheduled_tasks")
                .build();
    }

    @Bean
    public DeadlineManager deadlineManager(Scheduler deadlineScheduler, Configuration configuration, Serializer serializer,
                                           TransactionManager transactionManager) {
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new org.axonframework.config.ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
        // the events a deadline applies carry the tenant and user of the command that scheduled it, as every event does
        manager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        deadlineManager.set(manager);
        return manager;
    }

    /**
     * A failure of the order process is not skipped (Axon's default for sagas logs it and goes on, which would lose a
     * release or a refund): the batch fails and the processor tries it again after its back-off. Every step is
     * idempotent at its target, so trying again is safe; what fails is a dependency that is down, and waits for it.
     */
    @Bean
    public ConfigurerModule orderProcessErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(OrderProcess.PROCESSOR,
                c -> PropagatingErrorHandler.instance());
    }
}
