package uz.hisob.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time used by each part of the system under test, from {@code /proc/<pid>/stat} (user + system time of all a
 * process's threads and of the children it has reaped): the benchmark's own JVM (the load generator), each service, all PostgreSQL processes, the
 * Elasticsearch node. On a small shared machine this says who had the cores during a measured window; without
 * {@code /proc} it measures nothing.
 */
public final class CpuMeter {

    /** clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux for decades) */
    private static final double TICKS_PER_SECOND = 100;

    private final long commandPid;
    private final long queryPid;

    public CpuMeter(long commandPid, long queryPid) {
        this.commandPid = commandPid;
        this.queryPid = queryPid;
    }

    /** CPU seconds used so far, by part. */
    public record Snapshot(long nanoTime, Map<String, Double> seconds) {
    }

    public Snapshot snapshot() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("bench client", cpuSeconds(ProcessHandle.current().pid()));
        s.put("command-service", cpuSeconds(commandPid));
        s.put("query-service", cpuSeconds(queryPid));
        double postgres = 0;
        double elasticsearch = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String command = p.info().command().orElse("");
            if (command.endsWith("/postgres")) {
                postgres += cpuSeconds(p.pid());
            } else if (command.endsWith("/java") && p.info().arguments().map(a -> String.join(" ", a).contains("org.elasticsearch")).orElse(false)) {
                elasticsearch += cpuSeconds(p.pid());
            }
        }
        s.put("postgres", postgres);
        s.put("elasticsearch", elasticsearch);
        s.put(STEAL, stealSeconds());
        return new Snapshot(System.nanoTime(), s);
    }

    /** The part that is not a process: CPU time the hypervisor gave to other guests while this one wanted it. */
    public static final String STEAL = "steal";

    /** Cores used by each part between two snapshots (and {@link #STEAL}: cores stolen by the hypervisor). */
    public static Map<String, Double> cores(Snapshot from, Snapshot to) {
        double wall = (to.nanoTime() - from.nanoTime()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        to.seconds().forEach((part, seconds) -> cores.put(part, (seconds - from.seconds().getOrDefault(part, 0.0)) / wall));
        return cores;
    }

    /** All CPUs' steal time so far (the eighth value of /proc/stat's {@code cpu} line), in seconds. */
    private static double stealSeconds() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).getFirst();
            String[] f = first.trim().split("\\s+");
            return f.length > 8 ? Long.parseLong(f[8]) / TICKS_PER_SECOND : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Cores used by each part between two snapshots, e.g. {@code bench client 0.62, command-service 0.81, …}. */
    public static String describe(Snapshot from, Snapshot to) {
        StringJoiner j = new StringJoiner(", ", "cores used: ", "");
        double total = 0;
        double steal = 0;
        for (Map.Entry<String, Double> e : cores(from, to).entrySet()) {
            if (e.getKey().equals(STEAL)) {
                steal = e.getValue();
                continue;
            }
            total += e.getValue();
            j.add(e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()));
        }
        return j + String.format(Locale.ROOT, " (sum %.2f of %d; stolen %.2f)", total, Runtime.getRuntime().availableProcessors(), steal);
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces; fields after its closing parenthesis are fixed. utime and
            // stime, plus cutime and cstime: the time of children it has reaped, so that a PostgreSQL backend or
            // autovacuum worker that exits inside a window stays counted (in the postmaster's figure)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
