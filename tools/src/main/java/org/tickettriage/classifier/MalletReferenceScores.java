package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * MALLET's own probabilities for a set of tickets, written when a model is trained so that a test can later check
 * that the exported model file serves the same ones (the bundled model's {@code BundledModelMatchesMalletTest}).
 *
 * <p>Input: a CSV (gzip if the name ends in {@code .gz}) with columns {@code Ticket_ID} (the seed schema's, as
 * {@code ./triage generate} writes it), {@code Subject} and {@code Description}. Output (gzip if the name ends in {@code .gz}): one row per ticket, {@code Ticket_ID} then one column
 * per label, {@code category:LABEL} for every category and {@code priority:LABEL} for every priority, each the
 * probability MALLET gives with the head's pipe, {@code MaxEnt.getClassificationScores} and the temperature, printed
 * with every digit ({@link Double#toString}).
 */
public final class MalletReferenceScores {

    private MalletReferenceScores() {
    }

    /** Scores every ticket of {@code tickets} with both heads and writes the table to {@code out}. */
    public static void write(Path tickets, Path out, MaxEnt category, double categoryTemperature,
                             MaxEnt priority, Double priorityTemperature) throws IOException {
        List<CSVRecord> rows = read(tickets);
        List<String> categories = labels(category);
        List<String> priorities = priority == null ? List.of() : labels(priority);
        List<String> header = new ArrayList<>();
        header.add("Ticket_ID");
        categories.forEach(label -> header.add("category:" + label));
        priorities.forEach(label -> header.add("priority:" + label));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = writer(out);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(writer)) {
            for (CSVRecord row : rows) {
                String subject = row.get("Subject");
                String description = row.get("Description");
                List<String> line = new ArrayList<>();
                line.add(row.get("Ticket_ID"));
                Map<String, Double> c = MalletScores.probabilities(category, categoryTemperature, subject, description);
                categories.forEach(label -> line.add(Double.toString(c.get(label))));
                if (priority != null) {
                    Map<String, Double> p = MalletScores.probabilities(priority,
                            priorityTemperature == null ? 1.0 : priorityTemperature, subject, description);
                    priorities.forEach(label -> line.add(Double.toString(p.get(label))));
                }
                csv.printRecord(line);
            }
        }
    }

    private static List<String> labels(MaxEnt head) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < head.getLabelAlphabet().size(); i++) {
            labels.add(String.valueOf(head.getLabelAlphabet().lookupObject(i)));
        }
        return labels;
    }

    private static List<CSVRecord> read(Path tickets) throws IOException {
        InputStream in = Files.newInputStream(tickets);
        if (tickets.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static Writer writer(Path out) throws IOException {
        var stream = Files.newOutputStream(out);
        return new BufferedWriter(new OutputStreamWriter(out.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(stream) : stream, StandardCharsets.UTF_8));
    }
}
