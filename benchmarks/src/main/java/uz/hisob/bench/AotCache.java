package uz.hisob.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a service is deployed for production start-up (docs/operations.md): the exec jar extracted into a thin jar and
 * its libraries ({@code -Djarmode=tools extract}, Spring Boot's layout for class-data sharing), then one training run
 * that starts the application context and exits ({@code -Dspring.context.exit=onRefresh}) while the JVM writes an
 * ahead-of-time cache of the classes it loaded and linked ({@code -XX:AOTCacheOutput}, JDK 25); the service then
 * starts with {@code -XX:AOTCache}. A container build does the same steps once per image.
 */
final class AotCache {

    private static final Logger log = LoggerFactory.getLogger(AotCache.class);

    /** The jar to run and the JVM options to add. */
    record Prepared(Path jar, List<String> jvmOptions) {
    }

    private AotCache() {
    }

    static Prepared prepare(String name, Path execJar, List<String> jvmOptions, Map<String, String> properties, Path workDir)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path dir = workDir.resolve(name + "-aot");
        run(List.of(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--destination",
                dir.toString()), workDir.resolve(name + "-extract.log"));
        Path thin = dir.resolve(execJar.getFileName());
        Path cache = dir.resolve(name + ".aot");
        List<String> training = new ArrayList<>();
        training.add(ServiceProcess.javaExecutable());
        training.addAll(jvmOptions);
        training.add("-XX:AOTCacheOutput=" + cache);
        training.add("-Dspring.context.exit=onRefresh");
        training.add("-jar");
        training.add(thin.toString());
        properties.forEach((k, v) -> training.add("--" + k + "=" + v));
        run(training, workDir.resolve(name + "-training.log"));
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run of " + name + " wrote no AOT cache; see " + workDir.resolve(name + "-training.log"));
        }
        log.info("{}: extracted and trained an AOT cache in {} ms ({} MB)", name, (System.nanoTime() - start) / 1_000_000,
                Files.size(cache) / (1024 * 1024));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:AOTCache=" + cache);
        return new Prepared(thin, options);
    }

    private static void run(List<String> command, Path logFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Timed out: " + String.join(" ", command) + "; see " + logFile);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Exit " + p.exitValue() + ": " + String.join(" ", command) + "; see " + logFile);
        }
    }
}
