package uz.hisob.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outputs of a run: the table on stdout, {@code benchmarks/results/<date>.json}, the table in docs/benchmarks.md. */
public final class Reports {

    public static final String START = "<!-- results:start -->";
    public static final String END = "<!-- results:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Reports() {
    }

    private static List<String> cells(Result r) {
        return List.of(r.scenario(), r.metric(), Result.format(r.value()) + " " + r.unit(),
                r.reference() == null ? "" : Result.format(r.reference()) + " " + r.unit(),
                r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                r.target() == null ? "" : r.target().describe(r.unit()),
                r.met() == null ? "" : r.met() ? "met" : "MISSED");
    }

    private static final List<String> HEADER = List.of("scenario", "metric", "Hisob", "reference", "ratio", "target", "");

    /** The results as a fixed-width table, notes below it. */
    public static void print(BenchmarkRun.Report report, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        report.results().forEach(r -> rows.add(cells(r)));
        int[] width = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        out.println();
        out.println("Hisob benchmarks (" + report.options().mode() + " run, " + report.took().toSeconds() + " s)");
        Map<String, Object> env = report.environment();
        out.println(machineLine(env));
        out.println(settingsLine(env));
        out.println();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                String cell = rows.get(r).get(i);
                boolean number = i >= 2 && i <= 4;
                line.append(number ? " ".repeat(width[i] - cell.length()) + cell : cell + " ".repeat(width[i] - cell.length()));
                line.append(i < width.length - 1 ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
        out.println();
        for (Result r : report.results()) {
            if (r.note() != null && !r.note().isEmpty()) {
                out.println("  " + r.scenario() + " / " + r.metric() + ": " + r.note());
            }
        }
        long missed = report.results().stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        long targets = report.results().stream().filter(r -> r.met() != null).count();
        out.println();
        out.println((targets - missed) + " of " + targets + " targets met" + (report.failures().isEmpty() ? ""
                : "; FAILED scenarios: " + String.join("; ", report.failures())));
        out.println("Service logs: " + report.workDir());
    }

    static String machineLine(Map<String, Object> env) {
        return "Machine: " + env.get("cpu") + ", " + env.get("logicalCpus") + " logical CPUs, " + env.get("memoryMb")
                + " MB RAM; " + env.get("os") + "; " + env.get("java");
    }

    @SuppressWarnings("unchecked")
    static String settingsLine(Map<String, Object> env) {
        Map<String, String> pg = (Map<String, String>) env.get("postgres");
        StringBuilder s = new StringBuilder("PostgreSQL " + pg.get("server_version") + ":");
        pg.forEach((k, v) -> {
            if (!k.equals("server_version")) {
                s.append(' ').append(k).append('=').append(v);
            }
        });
        return s + "; Elasticsearch " + env.get("elasticsearch") + "; service JVM options: " + env.get("serviceJvmOptions");
    }

    /** Writes {@code <repo>/benchmarks/results/<yyyy-MM-dd>.json}; answers its path. */
    public static Path writeJson(BenchmarkRun.Report report, Path repo) throws IOException {
        LocalDate date = LocalDate.ofInstant(report.startedAt(), ZoneId.systemDefault());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date.toString());
        json.put("mode", report.options().mode());
        json.put("startedAt", report.startedAt().toString());
        json.put("tookSeconds", report.took().toSeconds());
        json.put("environment", report.environment());
        json.put("results", report.results());
        json.put("failures", report.failures());
        Path file = repo.resolve("benchmarks/results/" + date + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** The generated part of docs/benchmarks.md: when and on what it ran, and the table. */
    static String markdown(BenchmarkRun.Report report) {
        LocalDate date = LocalDate.ofInstant(report.startedAt(), ZoneId.systemDefault());
        StringBuilder md = new StringBuilder();
        md.append("Last ").append(report.options().mode()).append(" run: ").append(date).append(" (").append(report.took().toSeconds())
                .append(" s, results in `benchmarks/results/").append(date).append(".json`).\n\n");
        md.append("- ").append(machineLine(report.environment())).append("\n");
        md.append("- ").append(settingsLine(report.environment())).append("\n\n");
        md.append("| scenario | metric | Hisob | reference | ratio | target | met | notes |\n");
        md.append("|---|---|--:|--:|--:|---|---|---|\n");
        for (Result r : report.results()) {
            List<String> c = cells(r);
            md.append("| ").append(String.join(" | ", c.subList(0, 6))).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" | ")
                    .append(r.note() == null ? "" : r.note().replace("|", "\\|")).append(" |\n");
        }
        if (!report.failures().isEmpty()) {
            md.append("\nFailed scenarios: ").append(String.join("; ", report.failures())).append("\n");
        }
        return md.toString();
    }

    /** Replaces what lies between {@link #START} and {@link #END} in {@code <repo>/docs/benchmarks.md}. */
    public static Path updateDocs(BenchmarkRun.Report report, Path repo) throws IOException {
        Path file = repo.resolve("docs/benchmarks.md");
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n" + START + "\n" + END + "\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            text = text.stripTrailing() + "\n\n" + START + "\n" + END + "\n";
            start = text.indexOf(START);
            end = text.indexOf(END);
        }
        String updated = text.substring(0, start + START.length()) + "\n" + markdown(report) + text.substring(end);
        Files.createDirectories(file.getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        return file;
    }
}
