package uz.hisob.query.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Says when a processor has finished a batch: {@code minPosition} reads that wait ({@link ReadModelProgress}) look
 * again at once instead of at their next poll. Signalled at the batch's clean-up, which Axon runs after the processor
 * has noted its new position (its after-commit step); a batch rolled back signals too, and the waiting reads find
 * nothing new.
 */
@Component
public class BatchCommits {

    private static final String MARK = BatchCommits.class.getName();

    private final AtomicReference<Sinks.Empty<Void>> next = new AtomicReference<>(Sinks.empty());

    /** Completes at the end of the next batch of any processor. */
    public Mono<Void> next() {
        return next.get().asMono();
    }

    void signal() {
        next.getAndSet(Sinks.empty()).tryEmitEmpty();
    }

    /** The interceptor every processor runs: it asks for the signal once per batch. */
    MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            UnitOfWork<?> root = unitOfWork.root();
            if (root.resources().putIfAbsent(MARK, Boolean.TRUE) == null) {
                root.onCleanup(u -> signal());
            }
            return chain.proceed();
        };
    }
}
