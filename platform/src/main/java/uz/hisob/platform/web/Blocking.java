package uz.hisob.platform.web;

import reactor.core.publisher.Mono;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Blocking work that changes something (a command, a recomputation, a retry) runs here, off the event loop, and always
 * to its end. A client that disconnects cancels its answer, never the work: Reactor's {@code subscribeOn} interrupts
 * the worker thread on cancellation, and an interrupt in the middle of a command left Axon's unit of work (and the
 * aggregate's lock) behind on the thread, so later commands of that aggregate waited until Axon's 60 s timeout (found
 * by ApiFuzzTest). The work's outcome is committed or rolled back as it would have been; with an Idempotency-Key the
 * client can fetch the answer again.
 */
public final class Blocking {

    private static final ExecutorService WORKERS = new ThreadPoolExecutor(64, 64, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("blocking-work-", 0).daemon().factory());

    static {
        ((ThreadPoolExecutor) WORKERS).allowCoreThreadTimeOut(true);
    }

    private Blocking() {
    }

    /** {@code work} on a worker thread; the Mono's cancellation does not cancel or interrupt it. */
    public static <T> Mono<T> run(Callable<T> work) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, WORKERS), true).onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause());
    }
}
