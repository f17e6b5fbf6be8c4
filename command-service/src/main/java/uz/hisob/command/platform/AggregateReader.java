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

    private final BeanFactory beans;

    public AggregateReader(BeanFactory beans) {
        this.beans = beans;
    }

    /** {@code view} of the aggregate {@code id} of {@code repository} (a bean name), or empty when it does not exist. */
    @SuppressWarnings("unchecked")
    public <A, R> Optional<R> read(String repository, String id, Function<A, R> view) {
        Repository<A> repo = beans.getBean(repository, Repository.class);
        if (CurrentUnitOfWork.isStarted()) {
            return load(repo, id, view);
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
