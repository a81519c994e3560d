package org.tickettriage.training.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetWriterTest {

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private static String write(List<SyntheticTicket> tickets) throws IOException {
        StringWriter out = new StringWriter();
        try (DatasetWriter writer = new DatasetWriter(out)) {
            for (SyntheticTicket ticket : tickets) {
                writer.write(ticket);
            }
        }
        return out.toString();
    }

    private static List<CSVRecord> read(String csv) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(READ).get()) {
            assertThat(parser.getHeaderNames()).isEqualTo(DatasetWriter.HEADER);
            return parser.getRecords();
        }
    }

    @Test
    void theHeaderIsExactlyTheSeedSchema() throws IOException {
        String csv = write(List.of());

        assertThat(csv).isEqualTo("Ticket_ID,Subject,Description,Category,Priority,Timestamp\n");
    }

    @Test
    void fieldsWithCommasQuotesAndLineBreaksRoundTrip() throws IOException {
        SyntheticTicket tricky = new SyntheticTicket(7, "Re: \"Save\" button, again",
                "Hi,\nthe \"Save\" button fails, see below:\r\n\n  - step 1, step 2\n\nThanks,\nZoë Müller",
                Category.BUG_REPORT, Priority.HIGH, Instant.parse("2025-03-14T09:27:00Z"),
                Category.BUG_REPORT, SyntheticTicket.Kind.TYPICAL);

        CSVRecord row = read(write(List.of(tricky))).get(0);

        assertThat(row.get("Ticket_ID")).isEqualTo("7");
        assertThat(row.get("Subject")).isEqualTo(tricky.subject());
        assertThat(row.get("Description")).isEqualTo(tricky.description());
        assertThat(row.get("Category")).isEqualTo("Bug Report");
        assertThat(row.get("Priority")).isEqualTo("High");
        assertThat(row.get("Timestamp")).isEqualTo("2025-03-14T09:27:00Z");
    }

    @Test
    void aGeneratedDatasetReadsBackUnchanged() throws IOException {
        List<SyntheticTicket> tickets =
                new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(7)).generate(3_000);

        List<CSVRecord> rows = read(write(tickets));

        assertThat(rows).hasSize(tickets.size());
        for (int i = 0; i < rows.size(); i++) {
            SyntheticTicket ticket = tickets.get(i);
            CSVRecord row = rows.get(i);
            assertThat(row.size()).isEqualTo(6);
            assertThat(Long.parseLong(row.get("Ticket_ID"))).isEqualTo(ticket.ticketId());
            assertThat(row.get("Subject")).isEqualTo(ticket.subject());
            assertThat(row.get("Description")).isEqualTo(ticket.description());
            assertThat(Category.fromLabel(row.get("Category"))).isEqualTo(ticket.category());
            assertThat(Priority.fromLabel(row.get("Priority"))).isEqualTo(ticket.priority());
            assertThat(Instant.parse(row.get("Timestamp"))).isEqualTo(ticket.timestamp());
            assertThat(row.get("Timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z");
        }
        // Multi-line descriptions exist, so the quoting above was exercised.
        assertThat(tickets).anySatisfy(t -> assertThat(t.description()).contains("\n"));
        assertThat(tickets).anySatisfy(t -> assertThat(t.description()).contains(","));
    }
}
