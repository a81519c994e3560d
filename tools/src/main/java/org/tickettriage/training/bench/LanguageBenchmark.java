package org.tickettriage.training.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.evaluate.Machine;
import org.tickettriage.triage.LanguageDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark language}: the language detector over a labelled CSV, as the service runs it: how often it names
 * a language, how often that agrees with the label (per label, and against a person's reading of the rows whose label
 * is wrong, when given), what the model costs to load (CPU, heap) and each ticket to detect (µs). Writes the rows
 * where detector and label disagree (row numbers and codes only: no text) for a person to read.
 */
@Command(name = "language", mixinStandardHelpOptions = true,
        description = "Language detection over a labelled CSV: agreement with the label, answered share, load cost "
                + "and per-ticket time. Prints figures; the disagreements go to --disagreements (row numbers only).")
public final class LanguageBenchmark implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "A UTF-8 CSV with a header.")
    Path data;

    @Option(names = "--text", split = ",", paramLabel = "COL", defaultValue = "subject,body",
            description = "The text columns, the first one read as the subject (default: ${DEFAULT-VALUE}).")
    List<String> text;

    @Option(names = "--language-column", paramLabel = "COL", defaultValue = "language",
            description = "The column with each row's language, ISO 639-1 (default: ${DEFAULT-VALUE}).")
    String languageColumn;

    @Option(names = "--languages", split = ",", paramLabel = "CODE",
            description = "The languages to report (default: the service's, en,de,fr,es,pt,it,nl).")
    List<String> languages;

    @Option(names = "--mislabelled", paramLabel = "ROWS.txt",
            description = "Row numbers (one per line, # comments) whose label is wrong (the file says how that was "
                    + "found): the detector is then also scored on the other rows.")
    Path mislabelled;

    @Option(names = "--disagreements", paramLabel = "OUT.csv",
            description = "Write row,label,detected,confidence for every row where the two differ.")
    Path disagreements;

    @Option(names = "--max-chars", paramLabel = "N", description = "Read at most N characters of cleaned text per ticket "
            + "(default: the service's, " + LanguageDetector.MAX_CHARS + ").")
    int maxChars = LanguageDetector.MAX_CHARS;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N",
            description = "Timed passes over the rows after one warm-up pass (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Row> rows = read();
        Set<Long> wrongLabels = mislabelled == null ? Set.of() : rowNumbers(mislabelled);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long heapBefore = usedHeapAfterGc();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        LanguageDetector detector;
        try {
            detector = LanguageDetector.load(languages == null ? LanguageDetector.DEFAULT_LANGUAGES : languages, maxChars);
        } catch (IllegalArgumentException e) {
            // The one load, timed below: an unknown code is the caller's mistake, not a failure of the benchmark.
            throw new ParameterException(spec.commandLine(), "--languages: " + e.getMessage());
        }
        detector.detect("Warm-up", "The first ticket of a container.");
        long loadCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long loadWall = System.nanoTime() - wallStart;
        long heap = usedHeapAfterGc() - heapBefore;

        List<LanguageDetector.Detected> detected = new ArrayList<>(rows.size());
        for (Row row : rows) {
            detected.add(detector.detect(row.subject(), row.body()));
        }
        long[] nanos = new long[rows.size() * Math.max(repeat, 1)];
        int n = 0;
        for (int pass = 0; pass < Math.max(repeat, 1); pass++) {
            for (Row row : rows) {
                long start = System.nanoTime();
                detector.detect(row.subject(), row.body());
                nanos[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);

        int answered = 0;
        int agree = 0;
        int rightLabelled = 0;
        int rightOnRightLabelled = 0;
        int mislabelledRows = 0;
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        List<String> disagreeing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            LanguageDetector.Detected d = detected.get(i);
            confusion.computeIfAbsent(row.label(), l -> new TreeMap<>()).merge(d.language(), 1, Integer::sum);
            if (d.determined()) {
                answered++;
            }
            if (d.language().equals(row.label())) {
                agree++;
            } else {
                disagreeing.add(String.format(Locale.ROOT, "%d,%s,%s,%.4f", row.number(), row.label(), d.language(), d.confidence()));
            }
            if (wrongLabels.contains(row.number())) {
                mislabelledRows++;
            } else {
                rightLabelled++;
                if (d.language().equals(row.label())) {
                    rightOnRightLabelled++;
                }
            }
        }
        out.printf(Locale.ROOT, "language detection on %s (%d rows; text %s; label %s), languages %s, at most %d characters%n",
                data, rows.size(), String.join(",", text), languageColumn, String.join(",", detector.languages()), maxChars);
        out.printf(Locale.ROOT, "answered (not und): %d of %d (%.2f%%); agrees with the label: %d (%.2f%%)%n", answered,
                rows.size(), 100.0 * answered / rows.size(), agree, 100.0 * agree / rows.size());
        if (mislabelled != null) {
            out.printf(Locale.ROOT, "rows listed as mislabelled (%s): %d; right on the other rows: %d of %d (%.2f%%)%n",
                    mislabelled, mislabelledRows, rightOnRightLabelled, rightLabelled, 100.0 * rightOnRightLabelled / rightLabelled);
        }
        out.println("label -> detected: " + confusion);
        out.printf(Locale.ROOT, "model load: %.0f ms CPU, %.0f ms wall, %.1f MiB heap retained; detect per ticket "
                        + "(%d passes): p50 %.1f µs, p99 %.1f µs (%s)%n", loadCpu / 1e6, loadWall / 1e6, heap / 1048576.0,
                Math.max(repeat, 1), nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, Machine.describe());
        if (disagreements != null) {
            Path parent = disagreements.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            List<String> lines = new ArrayList<>();
            lines.add("row,label,detected,confidence");
            lines.addAll(disagreeing);
            Files.write(disagreements, lines, StandardCharsets.UTF_8);
            out.println("wrote " + disagreeing.size() + " disagreements to " + disagreements);
        }
        return 0;
    }

    private record Row(long number, String subject, String body, String label) {
    }

    private List<Row> read() throws IOException {
        if (text.isEmpty()) {
            throw new ToolException("--text names no column");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(data, StandardCharsets.UTF_8, format)) {
            for (String column : concat(text, languageColumn)) {
                if (!parser.getHeaderNames().contains(column)) {
                    throw new ToolException(data + " has no column '" + column + "'; its columns are " + parser.getHeaderNames());
                }
            }
            List<Row> rows = new ArrayList<>();
            long number = 0;
            for (CSVRecord record : parser) {
                number++;
                String label = record.get(languageColumn).strip().toLowerCase(Locale.ROOT);
                if (label.isEmpty()) {
                    continue;
                }
                StringBuilder body = new StringBuilder();
                for (String column : text.subList(text.size() > 1 ? 1 : 0, text.size())) {
                    body.append(body.length() == 0 ? "" : "\n").append(record.get(column));
                }
                rows.add(new Row(number, text.size() > 1 ? record.get(text.get(0)) : null, body.toString(), label));
            }
            if (rows.isEmpty()) {
                throw new ToolException(data + " has no row with a language in '" + languageColumn + "'");
            }
            return rows;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ToolException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    private static List<String> concat(List<String> list, String item) {
        List<String> all = new ArrayList<>(list);
        all.add(item);
        return all;
    }

    private static Set<Long> rowNumbers(Path file) throws IOException {
        Set<Long> numbers = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String value = line.replaceAll("#.*", "").strip();
            if (!value.isEmpty()) {
                try {
                    numbers.add(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new ToolException(file + ": '" + value + "' is not a row number");
                }
            }
        }
        return numbers;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
