package uz.hisob.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code java -jar benchmarks/target/hisob-benchmarks.jar [--quick] [options]}, or {@code ./hisob bench [--quick]}:
 * starts the local stack and both services, runs every scenario, prints the table ({@code --help} lists the
 * options). The full run (default) also writes {@code benchmarks/results/<date>.json} and the table in
 * docs/benchmarks.md.
 *
 * <p>The services' exec jars are taken from the system properties {@code hisob.bench.command-jar} and
 * {@code hisob.bench.query-jar}, else from {@code command-service/target} and {@code query-service/target} of the
 * checkout (found from the working directory upwards).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Boolean write = null;
        Path repo = null;
        Duration warmup = null;
        Duration measure = null;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--write" -> write = true;
                case "--no-write" -> write = false;
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--scenario" -> only.add(args[++i]);
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--measure" -> measure = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "-h", "--help" -> {
                    System.out.println("usage: hisob-benchmarks [--quick] [--write|--no-write] [--repo <checkout>]");
                    System.out.println("                        [--scenario <name prefix>]… [--warmup <s>] [--measure <s>]");
                    System.out.println("  --quick     the CI variant (under 2 minutes); the default full run takes under 15");
                    System.out.println("  --write     write results/<date>.json and docs/benchmarks.md (default: only for a full run of every scenario)");
                    System.out.println("  --repo      where benchmarks/results and docs/ are (default: the checkout around the working directory)");
                    System.out.println("  --scenario  run only scenarios whose name starts with this, e.g. 4 (repeatable)");
                    System.out.println("  --warmup, --measure  seconds of each closed-loop window, overriding the variant's");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        Options options = quick ? Options.quickRun() : Options.fullRun();
        boolean custom = warmup != null || measure != null || !only.isEmpty();
        if (warmup != null || measure != null) {
            options = options.with(warmup != null ? warmup : options.warmup(), measure != null ? measure : options.measure());
        }
        boolean writeFiles = write != null ? write : !quick && !custom;
        Path checkout = findCheckout();
        Path outputs = repo != null ? repo : checkout;
        if (writeFiles && outputs == null) {
            System.err.println("Cannot tell where the checkout is (no pom.xml with a benchmarks folder above "
                    + Path.of("").toAbsolutePath() + "); give --repo <dir> or --no-write.");
            System.exit(2);
        }
        Path commandJar = jar("hisob.bench.command-jar", checkout, "command-service");
        Path queryJar = jar("hisob.bench.query-jar", checkout, "query-service");

        BenchmarkRun run = new BenchmarkRun(options, commandJar, queryJar, BenchmarkRun.serviceJvmOptions(), only);
        Thread stopper = new Thread(run::close, "hisob-bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        BenchmarkRun.Report report = run.run();
        Runtime.getRuntime().removeShutdownHook(stopper);

        Reports.print(report, System.out);
        if (writeFiles) {
            if (report.failures().isEmpty()) {
                System.out.println("Wrote " + Reports.writeJson(report, outputs));
                System.out.println("Updated " + Reports.updateDocs(report, outputs));
            } else {
                System.out.println("Not writing results: a scenario failed.");
            }
        }
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /** The checkout: the nearest folder at or above the working directory with a pom.xml and a benchmarks folder. */
    static Path findCheckout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("benchmarks"))) {
                return dir;
            }
        }
        return null;
    }

    static Path jar(String property, Path checkout, String module) throws IOException {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        if (checkout == null) {
            throw new IllegalStateException("No checkout around " + Path.of("").toAbsolutePath() + " to find the " + module
                    + " jar in; run from the checkout or give -D" + property + "=<exec jar>");
        }
        Path target = checkout.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                List<Path> jars = files.filter(p -> p.getFileName().toString().startsWith(module + "-")
                                && p.getFileName().toString().endsWith("-exec.jar"))
                        .sorted(Comparator.comparing(Benchmarks::modified).reversed()).toList();
                if (!jars.isEmpty()) {
                    return jars.getFirst();
                }
            }
        }
        throw new IllegalStateException("No " + module + " exec jar in " + target + ": build it (./mvnw -DskipTests package)");
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
