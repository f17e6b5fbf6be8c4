package uz.hisob.onec.standin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One published endpoint of the stand-in base (the primary or the alternative): how it is told to misbehave and how
 * many calls of each operation it answered. Being down is its server's being stopped (a refused connection).
 */
final class Node {

    /** How a call of an operation is made to fail. */
    enum FaultKind {
        /** a SOAP fault with {@code faultcode} Server: a failure of the endpoint */
        SERVER,
        /** a SOAP fault with {@code faultcode} Client: a refusal of the request */
        CLIENT,
        /** HTTP 500 with an HTML page, as a web server in front of 1C answers when the base does not */
        HTTP500,
        /** the call is carried out, and its answer comes only after {@code ms}: past the caller's timeout, it is lost */
        LOST
    }

    /** A fault of an operation ({@code *}: any), for {@code times} more calls (negative: until cleared). */
    record Fault(FaultKind kind, int times, long ms) {
    }

    final String name;
    volatile long slowMs;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    Node(String name) {
        this.name = name;
    }

    void fault(String operation, FaultKind kind, int times, long ms) {
        faults.put(operation == null || operation.isBlank() ? "*" : operation, new Fault(kind, times, ms));
    }

    void clear() {
        faults.clear();
        slowMs = 0;
    }

    /** The fault this call of {@code operation} meets, counted down; null when it is answered normally. */
    Fault take(String operation) {
        for (String key : new String[] {operation, "*"}) {
            Fault[] taken = new Fault[1];
            faults.computeIfPresent(key, (k, f) -> {
                taken[0] = f;
                return f.times() < 0 ? f : f.times() > 1 ? new Fault(f.kind(), f.times() - 1, f.ms()) : null;
            });
            if (taken[0] != null) {
                return taken[0];
            }
        }
        return null;
    }

    void called(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> calls() {
        Map<String, Integer> all = new TreeMap<>();
        calls.forEach((k, v) -> all.put(k, v.get()));
        return all;
    }

    Map<String, Fault> faults() {
        return new TreeMap<>(faults);
    }
}
