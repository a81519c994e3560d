package org.tickettriage.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The fixed tickets a benchmark classifies, by name: {@value #SHORT} (the 256 committed synthetic tickets),
 * {@value #LONG} (each of them with three more descriptions of its category appended), or the path of any CSV in the
 * seed schema (its {@code Subject} and {@code Description} columns).
 */
final class TicketSet {

    /** The first 256 tickets of {@code ./triage generate --rows 5000 --seed 7}: 60 to 476 characters, median 267. */
    static final String SHORT = "short";
    /** The short tickets made about four times longer (about 650 to 1,650 characters): long support e-mails. */
    static final String LONG = "long";

    private static final String SHORT_RESOURCE = "/tickets-short.csv";
    /** How many descriptions of one category a long ticket joins. */
    private static final int LONG_PARTS = 4;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get();

    /** One ticket as serving receives it; {@code category} is the generator's label, or empty. */
    record Ticket(String subject, String description, String category) {
    }

    private TicketSet() {
    }

    /**
     * The tickets named {@code name}.
     *
     * @throws IllegalArgumentException when the name is neither a set nor a readable CSV with tickets in the seed schema
     */
    static List<Ticket> named(String name) {
        return switch (name) {
            case SHORT -> shortTickets();
            case LONG -> lengthened(shortTickets());
            default -> read(Path.of(name));
        };
    }

    private static List<Ticket> shortTickets() {
        try (InputStream in = TicketSet.class.getResourceAsStream(SHORT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SHORT_RESOURCE + " is not on the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + SHORT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Ticket> read(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("tickets: \"" + csv + "\" is neither " + SHORT + ", " + LONG
                    + " nor a CSV file");
        }
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(in, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Ticket> parse(Reader in, String source) throws IOException {
        List<Ticket> tickets = new ArrayList<>();
        var parser = FORMAT.parse(in);
        if (!parser.getHeaderNames().contains("Subject") || !parser.getHeaderNames().contains("Description")) {
            throw new IllegalArgumentException(source + " has no Subject and Description columns (the seed schema)");
        }
        boolean labelled = parser.getHeaderNames().contains("Category");
        for (CSVRecord row : parser) {
            tickets.add(new Ticket(row.get("Subject"), row.get("Description"), labelled ? row.get("Category") : ""));
        }
        if (tickets.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no tickets");
        }
        return List.copyOf(tickets);
    }

    /**
     * Each ticket with the descriptions of the next {@code LONG_PARTS - 1} tickets of its category appended (the list
     * wraps around), as one customer writing at length about one kind of problem.
     */
    static List<Ticket> lengthened(List<Ticket> tickets) {
        List<Ticket> longer = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            Ticket ticket = tickets.get(i);
            StringBuilder description = new StringBuilder(ticket.description());
            int parts = 1;
            for (int k = 1; k < tickets.size() && parts < LONG_PARTS; k++) {
                Ticket next = tickets.get((i + k) % tickets.size());
                if (next.category().equals(ticket.category())) {
                    description.append("\n\n").append(next.description());
                    parts++;
                }
            }
            longer.add(new Ticket(ticket.subject(), description.toString(), ticket.category()));
        }
        return List.copyOf(longer);
    }
}
