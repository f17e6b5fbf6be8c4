package uz.hisob.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: N workers, each on its own thread with its own connection, each sending its next operation
 * as soon as the previous one answered. After a warm-up, operations that complete inside the measured window are
 * counted and their latencies (System.nanoTime around the call) recorded in an HdrHistogram. Closed loop means
 * the latencies are what these clients saw, not what an open arrival rate would see (no coordinated-omission
 * correction is applied).
 */
public final class ClosedLoop {

    /** One worker's state (its HTTP client, its JDBC connection); {@link #call()} is one operation. */
    public interface Worker {

        /** One operation; answers false (or throws) when it failed: it is then counted as an error, not as an op. */
        boolean call() throws Exception;

        /** Releases the worker's connection; called on its thread when the run ends. */
        default void close() throws Exception {
        }
    }

    /** Creates worker {@code index} (0-based), on the thread that will run it. */
    @FunctionalInterface
    public interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    /**
     * What a run measured.
     *
     * @param ops        successful operations completed inside the window
     * @param errors     failed operations inside the window
     * @param seconds    the window's length
     * @param latency    latencies of the successful operations, in nanoseconds
     * @param firstError the first failure's description, or null
     * @param cpu        cores used by each part of the system during the window ({@link CpuMeter}), or empty
     */
    public record Outcome(long ops, long errors, double seconds, Histogram latency, String firstError, String cpu,
                          Map<String, Double> cores, double workerCpuSeconds) {

        /** The part of {@link #cpuMicrosPerOp} that is the workers' own threads (the load generator's requests). */
        public static final String WORKERS = "load generator";

        /**
         * CPU time {@code part} ({@link CpuMeter}'s names, or {@link #WORKERS}) used per successful operation, in
         * microseconds; NaN unmeasured.
         */
        public double cpuMicrosPerOp(String part) {
            if (part.equals(WORKERS)) {
                return ops == 0 ? Double.NaN : workerCpuSeconds / ops * 1e6;
            }
            Double c = cores.get(part);
            return c == null || ops == 0 ? Double.NaN : c * seconds / ops * 1e6;
        }

        public double perSecond() {
            return ops / seconds;
        }

        /** The latency at {@code percentile} (e.g. 99.9), in milliseconds. */
        public double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }

        /** A short note for result rows: sample count, and errors if any. */
        public String note() {
            String n = ops + " ops in " + Result.format(seconds) + " s";
            n = errors == 0 ? n : n + ", " + errors + " errors (first: " + firstError + ")";
            return cpu.isEmpty() ? n : n + "; " + cpu;
        }
    }

    private ClosedLoop() {
    }

    /** Runs {@code workers} workers for {@code warmup} then {@code measure}; blocks until all have stopped. */
    public static Outcome run(String label, int workers, WorkerFactory factory, Duration warmup, Duration measure)
            throws InterruptedException {
        return run(label, workers, factory, warmup, measure, null);
    }

    /** As {@link #run(String, int, WorkerFactory, Duration, Duration)}, noting the CPU each part used in the window. */
    public static Outcome run(String label, int workers, WorkerFactory factory, Duration warmup, Duration measure, CpuMeter meter)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        AtomicReference<Throwable> setupFailure = new AtomicReference<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        long[] ops = new long[workers];
        long[] errors = new long[workers];
        long[] workerCpu = new long[workers];
        java.lang.management.ThreadMXBean threadsCpu = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int index = i;
            Histogram h = new Histogram(3);
            histograms.add(h);
            Thread t = new Thread(() -> {
                Worker w;
                try {
                    w = factory.create(index);
                } catch (Throwable e) {
                    setupFailure.compareAndSet(null, e);
                    ready.countDown();
                    return;
                }
                try {
                    ready.countDown();
                    go.await();
                    long start = window[0];
                    long end = window[1];
                    long now = System.nanoTime();
                    long cpuAtStart = -1;
                    while (now < end) {
                        if (cpuAtStart < 0 && now >= start) {
                            cpuAtStart = threadsCpu.getCurrentThreadCpuTime();
                        }
                        boolean ok;
                        String error = null;
                        long t0 = System.nanoTime();
                        try {
                            ok = w.call();
                        } catch (Exception e) {
                            ok = false;
                            error = e.toString();
                        }
                        now = System.nanoTime();
                        if (now >= start && now < end) {
                            if (ok) {
                                h.recordValue(now - t0);
                                ops[index]++;
                            } else {
                                errors[index]++;
                                firstError.compareAndSet(null, error != null ? error : "operation refused");
                            }
                        }
                        if (!ok) {
                            Thread.sleep(10); // a failing system must not turn the loop into a spin
                        }
                    }
                    if (cpuAtStart >= 0) {
                        workerCpu[index] = threadsCpu.getCurrentThreadCpuTime() - cpuAtStart;
                    }
                } catch (Throwable e) {
                    setupFailure.compareAndSet(null, e);
                } finally {
                    try {
                        w.close();
                    } catch (Exception e) {
                        // closing a connection after the measurement changes no figure
                    }
                }
            }, label + "-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        if (setupFailure.get() != null) {
            window[0] = window[1] = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            throw new IllegalStateException(label + ": a worker could not start", setupFailure.get());
        }
        window[0] = System.nanoTime() + warmup.toNanos();
        window[1] = window[0] + measure.toNanos();
        go.countDown();
        String cpu = "";
        Map<String, Double> cores = Map.of();
        if (meter != null) {
            sleepUntil(window[0]);
            CpuMeter.Snapshot from = meter.snapshot();
            sleepUntil(window[1]);
            CpuMeter.Snapshot to = meter.snapshot();
            cpu = CpuMeter.describe(from, to);
            cores = CpuMeter.cores(from, to);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (setupFailure.get() != null) {
            throw new IllegalStateException(label + ": a worker failed", setupFailure.get());
        }
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        long okTotal = 0;
        long errorTotal = 0;
        for (int i = 0; i < workers; i++) {
            okTotal += ops[i];
            errorTotal += errors[i];
        }
        long workerCpuTotal = 0;
        for (long c : workerCpu) {
            workerCpuTotal += c;
        }
        return new Outcome(okTotal, errorTotal, measure.toNanos() / 1e9, all, firstError.get(), cpu, cores, workerCpuTotal / 1e9);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }
}
