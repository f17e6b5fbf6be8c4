package uz.hisob.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: machine, JVM, PostgreSQL's durability settings, Elasticsearch. */
final class Environment {

    private Environment() {
    }

    static Map<String, Object> describe(BenchContext ctx, List<String> serviceJvmOptions) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpu", cpuModel());
        env.put("logicalCpus", Runtime.getRuntime().availableProcessors());
        env.put("memoryMb", memTotalKb() / 1024);
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        env.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("serviceJvmOptions", String.join(" ", serviceJvmOptions));
        env.put("postgres", ctx.postgresSettings());
        env.put("elasticsearch", elasticsearchVersion(ctx.elasticsearchUrl()));
        return env;
    }

    static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    static long memTotalKb() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.substring("MemTotal:".length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String elasticsearchVersion(String url) {
        try (HttpClient http = Api.newClient()) {
            // the integ-test build answers GET / with 405; the cat API names the node's version
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/_cat/nodes?h=version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
