package uz.hisob.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Elasticsearch node from the integ-test distribution on Maven Central, run as a child process on loopback.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM is root the node runs as the system user
 * {@value #ES_USER} (created if missing) through {@code runuser}, with its folders in a place that user can reach;
 * otherwise it runs directly as the current user.
 */
final class ElasticsearchNode implements AutoCloseable {

    static final String ES_USER = "hisob-es";
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int httpPort;
    private final Path nodeDir;
    private final boolean deleteOnClose;
    private boolean closed;

    private ElasticsearchNode(Process process, int httpPort, Path nodeDir, boolean deleteOnClose) {
        this.process = process;
        this.httpPort = httpPort;
        this.nodeDir = nodeDir;
        this.deleteOnClose = deleteOnClose;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    static ElasticsearchNode start(Path home, boolean persistent, int httpPort) throws IOException {
        boolean root = isRoot();
        Path distribution = installDistribution(root);
        Path nodeDir = nodeDir(home, persistent, root);
        int port = httpPort > 0 ? httpPort : freePort();
        int transportPort = freePort();
        writeConfig(distribution, nodeDir, port, transportPort);
        if (root) {
            ensureSystemUser();
            run(List.of("chown", "-R", ES_USER + ":" + ES_USER, nodeDir.toString()));
        }

        List<String> env = List.of(
                "ES_JAVA_HOME=" + System.getProperty("java.home"),
                "ES_PATH_CONF=" + nodeDir.resolve("config"),
                "ES_TMPDIR=" + nodeDir.resolve("tmp"),
                "ES_JAVA_OPTS=-Xms512m -Xmx512m");
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", ES_USER, "--"));
        }
        command.add("env");
        command.addAll(env);
        command.add(distribution.resolve("bin/elasticsearch").toString());
        Path console = nodeDir.resolve("logs/console.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
        ElasticsearchNode node = new ElasticsearchNode(process, port, nodeDir, !persistent);
        try {
            node.awaitHealthy(console);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void awaitHealthy(Path console) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        URI health = URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=2s");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue()
                        + " during start-up; its output:\n" + tail(console));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
            try {
                Thread.sleep(250); // polling a child process's start-up: there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
        }
        throw new IllegalStateException("Elasticsearch was not healthy within " + STARTUP_TIMEOUT.toSeconds()
                + " s; its output:\n" + tail(console));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Unpacks the distribution once into a shared cache folder; concurrent JVMs race safely by atomic rename. */
    private static Path installDistribution(boolean root) throws IOException {
        Properties props = new Properties();
        try (InputStream in = ElasticsearchNode.class.getResourceAsStream("/hisob-local-stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("hisob-local-stack.properties missing from the class path");
            }
            props.load(in);
        }
        String version = props.getProperty("elasticsearch.version");
        String zipPath = firstNonBlank(System.getenv("HISOB_ES_ZIP"), props.getProperty("elasticsearch.zip"));
        Path cacheRoot = root ? Path.of("/var/cache/hisob")
                : Path.of(firstNonBlank(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home") + "/.cache"), "hisob");
        Path target = cacheRoot.resolve("elasticsearch-" + version);
        if (Files.exists(target.resolve(".installed"))) {
            return target;
        }
        Path zip = Path.of(zipPath);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The Elasticsearch distribution zip is not at " + zip
                    + ". Build with ./mvnw first (it resolves org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                    + version + ":zip), or point HISOB_ES_ZIP at the zip.");
        }
        Files.createDirectories(cacheRoot);
        Path staging = cacheRoot.resolve("staging-" + UUID.randomUUID());
        log.info("Unpacking Elasticsearch {} into {} (once)", version, target);
        Fs.unzipStripTop(zip, staging);
        try (Stream<Path> files = Files.walk(staging)) {
            files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("bin"))
                    .forEach(p -> p.toFile().setExecutable(true, false));
        }
        Files.writeString(staging.resolve(".installed"), version);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another JVM installed it first
            Fs.deleteRecursively(staging);
            if (!Files.exists(target.resolve(".installed"))) {
                throw e;
            }
        }
        return target;
    }

    /**
     * The node's own folder (config, data, logs, tmp). As root it must be reachable by the system user, so it lives
     * under {@code /var/lib/hisob} (persistent) or {@code /tmp} (tests) and {@code home} points at it by a link.
     */
    private static Path nodeDir(Path home, boolean persistent, boolean root) throws IOException {
        if (!root) {
            if (!persistent) {
                Fs.deleteRecursively(home);
            }
            Files.createDirectories(home);
            return home;
        }
        Path dir;
        if (persistent) {
            dir = Path.of("/var/lib/hisob", "es-" + shortHash(home.toAbsolutePath().normalize().toString()));
        } else {
            dir = Path.of("/tmp", "hisob-es-" + UUID.randomUUID());
        }
        Files.createDirectories(dir);
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        if (persistent && !Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(home.getParent());
            Files.createSymbolicLink(home, dir);
        }
        return dir;
    }

    private static void writeConfig(Path distribution, Path nodeDir, int httpPort, int transportPort) throws IOException {
        Path config = nodeDir.resolve("config");
        Files.createDirectories(config.resolve("jvm.options.d"));
        Files.createDirectories(nodeDir.resolve("data"));
        Files.createDirectories(nodeDir.resolve("logs"));
        Files.createDirectories(nodeDir.resolve("tmp"));
        for (String file : List.of("jvm.options", "log4j2.properties")) {
            Files.copy(distribution.resolve("config").resolve(file), config.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String yml = String.join("\n",
                "cluster.name: hisob-local",
                "node.name: hisob-local-node",
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "path.data: " + nodeDir.resolve("data"),
                "path.logs: " + nodeDir.resolve("logs"),
                // a developer's disk is often fuller than a server's: do not turn indices read-only at 95 %
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
        Files.writeString(config.resolve("elasticsearch.yml"), yml);
    }

    private static void ensureSystemUser() throws IOException {
        Process id = new ProcessBuilder("id", "-u", ES_USER).redirectErrorStream(true).start();
        try {
            if (id.waitFor() == 0) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        log.info("Creating system user {} to run Elasticsearch (it refuses to run as root)", ES_USER);
        run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ES_USER));
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Elasticsearch did not stop within 30 s; killing it");
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.debug("Waiting for Elasticsearch to stop: {}", e.toString());
        } finally {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (deleteOnClose) {
            try {
                Fs.deleteRecursively(nodeDir);
            } catch (UncheckedIOException e) {
                log.debug("Could not delete {}: {}", nodeDir, e.getMessage());
            }
        }
    }
}
