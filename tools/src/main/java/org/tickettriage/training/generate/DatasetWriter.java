package org.tickettriage.training.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes tickets as CSV in the seed schema, quoting fields that hold commas, quotes or line breaks. */
public final class DatasetWriter implements Closeable {

    /** The seed schema's header, in column order. */
    public static final List<String> HEADER =
            List.of("Ticket_ID", "Subject", "Description", "Category", "Priority", "Timestamp");

    /** RFC 4180 quoting with '\n' between records, so files are identical on every platform. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(HEADER.toArray(String[]::new))
            .setRecordSeparator("\n")
            .get();

    private final CSVPrinter printer;

    /** Writes the header to {@code out}; the caller chooses the encoding (UTF-8 for datasets). */
    public DatasetWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** Writes one row. */
    public void write(SyntheticTicket ticket) throws IOException {
        printer.printRecord(
                ticket.ticketId(),
                ticket.subject(),
                ticket.description(),
                ticket.category().label(),
                ticket.priority().label(),
                DateTimeFormatter.ISO_INSTANT.format(ticket.timestamp()));
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
