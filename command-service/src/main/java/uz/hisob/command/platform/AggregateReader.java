package uz.hisob.command.platform;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the write model outside of a command: an aggregate loaded through its repository (its cache, its snapshot)
 * in a unit of work of its own that only lasts the read, so its lock is held for microseconds and nothing is
 * appended. For decisions that span aggregates and are made before a command is sent (the pricing and allocation
 * of an order), never for a read model: the query side has those.
 */
@Component
public class AggregateReader {

    private static final java.util.concurrent.ExecutorService OWN = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aggregate-reader");
        t.setDaemon(true);
        return t;
    });

    private final BeanFactory beans;

    public AggregateReader(BeanFactory beans) {
        this.beans = beans;
    }

    /** {@code view} of the aggregate {@code id} of {@code repository} (a bean name), or empty when it does not exist. */
    @SuppressWarnings("unchecked")
    public <A, R> Optional<R> read(String repository, String id, Function<A, R> view) {
        Repository<A> repo = beans.getBean(repository, Repository.class);
        if (CurrentUnitOfWork.isStarted()) {
            if (CurrentUnitOfWork.get().getMessage() instanceof org.axonframework.commandhandling.CommandMessage<?>) {
                return load(repo, id, view); // a command's decision: within its unit of work
            }
            // an event handler's (a saga's): Axon loads aggregates only for commands and deadlines, so on a thread of
            // its own, outside the handler's unit of work
            try {
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> this.<A, R>read(repository, id, view), OWN).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Optional<R> result = load(repo, id, view);
            unitOfWork.commit();
            return result;
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }

    private static <A, R> Optional<R> load(Repository<A> repo, String id, Function<A, R> view) {
        try {
            return Optional.ofNullable(repo.load(id).invoke(view));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
