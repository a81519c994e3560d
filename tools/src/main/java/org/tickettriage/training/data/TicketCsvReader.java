package org.tickettriage.training.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a labelled CSV (UTF-8, RFC 4180: quoted fields may hold commas, quotes and line breaks) into
 * {@link LabeledTicket}s, skipping rows without text or label and reporting duplicates.
 */
public final class TicketCsvReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();

    private TicketCsvReader() {
    }

    /**
     * Reads {@code file} with {@code columns}.
     *
     * @throws DatasetException when the file is missing, not UTF-8, malformed, or lacks a required column
     */
    public static Dataset read(Path file, ColumnSpec columns) {
        byte[] bytes = bytes(file);
        return parse(text(file, bytes), file.toString(), sha256(bytes), columns);
    }

    /**
     * The values of {@code column} by row number, as {@link LabeledTicket#row()} numbers the rows (the first row after
     * the header is 1), blank values left out: a column beside the ticket's, such as its language.
     *
     * @param option the option that names the column, for the message when it is missing
     * @throws DatasetException when the file is missing, not UTF-8, malformed, or lacks the column
     */
    public static Map<Long, String> columnValues(Path file, String column, String option) {
        String source = file.toString();
        try (CSVParser parser = CSVParser.parse(new StringReader(text(file, bytes(file))), FORMAT)) {
            requireColumn(source, parser.getHeaderNames(), column, option);
            Map<Long, String> values = new HashMap<>();
            long row = 0;
            for (CSVRecord record : parser) {
                row++;
                String value = value(record, column);
                if (!value.isEmpty()) {
                    values.put(row, value);
                }
            }
            return values;
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(source + " is not a well-formed CSV file: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException("No such file: " + file);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Path file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " is not valid UTF-8; save it as UTF-8 and try again.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark would otherwise become part of the first column's name
        }
        return text;
    }

    private static Dataset parse(String text, String source, String sha256, ColumnSpec columns) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            for (String column : columns.textColumns()) {
                requireColumn(source, header, column, "--text");
            }
            requireColumn(source, header, columns.labelColumn(), "--label");
            if (columns.whereColumn() != null) {
                requireColumn(source, header, columns.whereColumn(), "--where");
            }
            int filteredOut = 0;
            boolean hasPriority = columns.priorityColumn() != null && header.contains(columns.priorityColumn());
            if (columns.priorityColumn() != null && !hasPriority && columns.priorityRequired()) {
                requireColumn(source, header, columns.priorityColumn(), "--priority-label");
            }

            List<LabeledTicket> tickets = new ArrayList<>();
            Map<String, String> labelByText = new HashMap<>();
            int blank = 0;
            int unlabeled = 0;
            int duplicates = 0;
            int conflicting = 0;
            long row = 0;
            for (CSVRecord record : parser) {
                row++;
                if (columns.whereColumn() != null && !value(record, columns.whereColumn()).equals(columns.whereValue())) {
                    filteredOut++;
                    continue;
                }
                String subject = columns.textColumns().size() > 1 ? value(record, columns.textColumns().get(0)) : "";
                List<String> rest = columns.textColumns().size() > 1
                        ? columns.textColumns().subList(1, columns.textColumns().size())
                        : columns.textColumns();
                StringBuilder description = new StringBuilder();
                for (String column : rest) {
                    String v = value(record, column);
                    if (!v.isEmpty()) {
                        description.append(description.length() == 0 ? "" : "\n").append(v);
                    }
                }
                if (subject.isEmpty() && description.length() == 0) {
                    blank++;
                    continue;
                }
                String label = value(record, columns.labelColumn());
                if (label.isEmpty()) {
                    unlabeled++;
                    continue;
                }
                String priority = hasPriority ? value(record, columns.priorityColumn()) : "";
                LabeledTicket ticket = new LabeledTicket(row, subject, description.toString(), label,
                        priority.isEmpty() ? null : priority);
                String key = subject + '\u0000' + ticket.description();
                String earlier = labelByText.putIfAbsent(key, label);
                if (earlier != null) {
                    if (earlier.equals(label)) {
                        duplicates++;
                    } else {
                        conflicting++;
                    }
                }
                tickets.add(ticket);
            }
            if (columns.whereColumn() != null && tickets.isEmpty()) {
                throw new DatasetException(source + " has no usable row with " + columns.whereColumn() + " = '"
                        + columns.whereValue() + "' (" + filteredOut + " rows have another value).");
            }
            return new Dataset(source, sha256, columns, hasPriority, tickets, blank, unlabeled, duplicates, conflicting);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports malformed input (an unterminated quote, say) as one of these.
            throw new DatasetException(source + " is not a well-formed CSV file: " + e.getMessage(), e);
        }
    }

    private static void requireColumn(String source, List<String> header, String column, String option) {
        if (!header.contains(column)) {
            String hint = header.stream().filter(h -> h.equalsIgnoreCase(column)).findFirst()
                    .map(h -> " (did you mean '" + h + "'? names are case-sensitive)").orElse("");
            throw new DatasetException(source + " has no column '" + column + "' for " + option + hint
                    + "; its columns are " + header + ".");
        }
    }

    private static String value(CSVRecord record, String column) {
        // A short row (fewer fields than the header) reads as empty rather than failing the whole file.
        return record.isSet(column) ? record.get(column).strip() : "";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
