package uz.hisob.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service run as an operator runs it: {@code java <JVM options> -jar <exec jar> --key=value…} in its own
 * process, output to a log file. Start-up time is from spawning the process to {@code /actuator/health/readiness}
 * answering {@code UP}; memory is read from {@code /proc/<pid>/status}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Process process;
    private final String baseUrl;
    private final Path log;
    private final List<String> commandLine;
    private Duration startup;
    private volatile long maxSampledRssKb;

    private ServiceProcess(String name, Process process, String baseUrl, Path log, List<String> commandLine) {
        this.name = name;
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.commandLine = commandLine;
    }

    /**
     * Spawns {@code jar} with the JVM running this program and waits until it is ready.
     *
     * @param properties Spring properties, given as {@code --key=value} arguments
     * @param baseUrl    where it will listen, e.g. {@code http://127.0.0.1:8080}
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> properties,
                                       String baseUrl, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + name + " jar at " + jar + ": build it first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        return launch(name, command, baseUrl, log);
    }

    /**
     * Spawns {@code mainClass} of the benchmark's own class path (the fat jar's, through Spring Boot's launcher, or the
     * test class path) with {@code jvmOptions} and {@code args}, and waits until it is ready.
     */
    public static ServiceProcess startMain(String name, Class<?> mainClass, List<String> jvmOptions, List<String> args,
                                           String baseUrl, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        command.add("-cp");
        command.add(classPath);
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
            // the repackaged benchmark jar: its classes and libraries are nested, Spring Boot's launcher opens them
            command.add("-Dloader.main=" + mainClass.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(mainClass.getName());
        }
        command.addAll(args);
        return launch(name, command, baseUrl, log);
    }

    private static ServiceProcess launch(String name, List<String> command, String baseUrl, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // glibc gives every thread that allocates its own 64 MB malloc arena; two are plenty for a JVM, whose own
        // allocations are in the heap (the usual setting for JVMs in containers; docs/operations.md)
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        long spawned = System.nanoTime();
        ServiceProcess service = new ServiceProcess(name, pb.start(), baseUrl, log, command);
        try {
            service.awaitReady(spawned);
        } catch (RuntimeException | IOException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The java executable of this JVM (so the services run on the same JDK as the benchmark). */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void awaitReady(long spawned) throws IOException {
        HttpClient http = Api.newClient();
        URI readiness = URI.create(baseUrl + "/actuator/health/readiness");
        long deadline = spawned + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " during start-up; "
                        + "its log (" + log + ") ends with:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    startup = Duration.ofNanos(System.nanoTime() - spawned);
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // listening, not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(20); // a child process's start-up offers no event to wait on; 20 ms is the resolution
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + STARTUP_TIMEOUT.toSeconds() + " s; its log ("
                + log + ") ends with:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Path log() {
        return log;
    }

    /** The command line it was started with. */
    public List<String> commandLine() {
        return commandLine;
    }

    /** Process spawn to readiness UP. */
    public Duration startup() {
        return startup;
    }

    /** Resident set size now, in kB ({@code VmRSS}); also kept as the sampled maximum. */
    public long sampleRssKb() {
        long rss = status("VmRSS");
        if (rss > maxSampledRssKb) {
            maxSampledRssKb = rss;
        }
        return rss;
    }

    /** The largest {@code VmRSS} seen by {@link #sampleRssKb()}, in kB. */
    public long maxSampledRssKb() {
        return maxSampledRssKb;
    }

    /** Peak resident set size since the process started, in kB ({@code VmHWM}, kept by the kernel). */
    public long peakRssKb() {
        return status("VmHWM");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException | UncheckedIOException e) {
            return -1; // the process is gone, or there is no /proc (not Linux)
        }
    }

    /** SIGTERM (the services shut down gracefully), then a kill after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
