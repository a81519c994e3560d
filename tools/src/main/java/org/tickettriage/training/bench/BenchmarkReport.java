package org.tickettriage.training.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a start-up benchmark prints: every line goes to standard output as it comes and into a report that is written
 * at the end to {@code DIR/<UTC time>-<name>.txt}, so the committed output is exactly what the terminal showed.
 */
final class BenchmarkReport {

    private final StringWriter report = new StringWriter();
    private final PrintWriter log = new PrintWriter(new Writer() {
        @Override
        public void write(char[] buffer, int offset, int length) {
            report.write(buffer, offset, length);
            System.out.print(new String(buffer, offset, length));
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }, true);

    /** The writer to print to (auto-flushing). */
    PrintWriter log() {
        return log;
    }

    /**
     * Writes what was printed to {@code DIR/<UTC time>-<name>.txt} ({@code name} reduced to letters, digits, '.', '_'
     * and '-') and says where; a blank {@code dir} writes nothing.
     */
    void write(String dir, String name) throws IOException {
        if (dir.isBlank()) {
            return;
        }
        Path folder = Path.of(dir);
        Files.createDirectories(folder);
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = folder.resolve(stamp + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
        Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + file);
    }
}
