package org.tickettriage.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.training.Fixtures;

class TicketCsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        Path csv = write("""
                Ticket_ID,Subject,Description,Category,Priority,Timestamp
                1,"Refund, please","He said ""charged twice""
                and then
                nothing",Billing Inquiry,High,2024-01-01T00:00:00Z
                """);

        Dataset d = TicketCsvReader.read(csv, ColumnSpec.seedSchema());

        assertThat(d.tickets()).singleElement().satisfies(t -> {
            assertThat(t.subject()).isEqualTo("Refund, please");
            assertThat(t.description()).isEqualTo("He said \"charged twice\"\nand then\nnothing");
            assertThat(t.label()).isEqualTo("Billing Inquiry");
            assertThat(t.priority()).isEqualTo("High");
            assertThat(t.row()).isEqualTo(1);
        });
        assertThat(d.hasPriority()).isTrue();
    }

    @Test
    void skipsRowsWithoutTextOrLabelAndCountsThem() throws IOException {
        Path csv = write("""
                Subject,Description,Category
                a,b,X
                ,,
                ,,X

                c,,
                d,e,Y
                """);

        Dataset d = TicketCsvReader.read(csv, ColumnSpec.seedSchema());

        assertThat(d.tickets()).extracting(LabeledTicket::label).containsExactly("X", "Y");
        assertThat(d.tickets()).extracting(LabeledTicket::row).containsExactly(1L, 5L);
        assertThat(d.blankRowsSkipped()).isEqualTo(2);
        assertThat(d.unlabeledSkipped()).isEqualTo(1);
        assertThat(d.summary()).contains("2 rows without text skipped", "1 rows without a Category skipped");
    }

    @Test
    void reportsDuplicatesAndConflictingDuplicatesButKeepsThem() throws IOException {
        Path csv = write("""
                Subject,Description,Category
                a,same text,X
                a,same text,X
                a,same text,Y
                b,other,Y
                """);

        Dataset d = TicketCsvReader.read(csv, ColumnSpec.seedSchema());

        assertThat(d.tickets()).hasSize(4);
        assertThat(d.duplicateRows()).isEqualTo(1);
        assertThat(d.conflictingRows()).isEqualTo(1);
    }

    @Test
    void namesTheMissingColumnAndListsTheColumnsThereAre() throws IOException {
        Path csv = write("text,label\nhello,greeting\n");

        assertThatThrownBy(() -> TicketCsvReader.read(csv, ColumnSpec.seedSchema()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no column 'Subject' for --text")
                .hasMessageContaining("[text, label]");
    }

    @Test
    void whereReadsOnlyTheRowsOfOneGroupAndSaysSoWhenThereAreNone() throws IOException {
        Path csv = write("repo,subject,description,label\na/x,Crash,It crashes,bug\nb/y,Idea,Add dark mode,feature\na/x,How,How do I?,question\n");
        ColumnSpec columns = new ColumnSpec(List.of("subject", "description"), "label", null, false);

        Dataset dataset = TicketCsvReader.read(csv, columns.where(ColumnSpec.parseWhere("repo=a/x")));

        assertThat(dataset.tickets()).extracting(LabeledTicket::label).containsExactly("bug", "question");
        assertThat(dataset.tickets()).extracting(LabeledTicket::row).containsExactly(1L, 3L);
        assertThat(dataset.summary()).contains("with repo = 'a/x'");
        assertThatThrownBy(() -> TicketCsvReader.read(csv, columns.where(ColumnSpec.parseWhere("repo=c/z"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no usable row with repo = 'c/z'");
        assertThatThrownBy(() -> ColumnSpec.parseWhere("repo")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("COL=VALUE");
    }

    @Test
    void hintsAtTheRightSpellingWhenOnlyTheCaseDiffers() throws IOException {
        Path csv = write("subject,description,label\na,b,c\n");

        assertThatThrownBy(() -> TicketCsvReader.read(csv, ColumnSpec.seedSchema()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("did you mean 'subject'?");
    }

    @Test
    void aMissingDefaultPriorityColumnMeansNoPriorityButAnExplicitOneIsRequired() throws IOException {
        Path csv = write("text,label\nhello,greeting\n");

        Dataset d = TicketCsvReader.read(csv, new ColumnSpec(List.of("text"), "label", "Priority", false));
        assertThat(d.hasPriority()).isFalse();
        assertThat(d.tickets()).singleElement().satisfies(t -> {
            assertThat(t.priority()).isNull();
            assertThat(t.subject()).isEmpty();
            assertThat(t.description()).isEqualTo("hello");
        });

        assertThatThrownBy(() -> TicketCsvReader.read(csv, new ColumnSpec(List.of("text"), "label", "Urgency", true)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no column 'Urgency' for --priority-label");
    }

    @Test
    void joinsTextColumnsAfterTheFirstIntoTheDescription() throws IOException {
        Path csv = write("title,body,steps,label\nT,B,S,X\nT2,,S2,X\n");

        Dataset d = TicketCsvReader.read(csv, new ColumnSpec(List.of("title", "body", "steps"), "label", null, false));

        assertThat(d.tickets()).extracting(LabeledTicket::subject).containsExactly("T", "T2");
        assertThat(d.tickets()).extracting(LabeledTicket::description).containsExactly("B\nS", "S2");
    }

    @Test
    void ignoresAByteOrderMarkBeforeTheHeader() throws IOException {
        Path csv = write("\uFEFFSubject,Description,Category\na,b,X\n");

        assertThat(TicketCsvReader.read(csv, ColumnSpec.seedSchema()).tickets()).hasSize(1);
    }

    @Test
    void rejectsFilesThatAreNotUtf8OrNotThere() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "Subject,Description,Category\ncaf\u00e9,b,X\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TicketCsvReader.read(latin1, ColumnSpec.seedSchema()))
                .isInstanceOf(DatasetException.class).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> TicketCsvReader.read(dir.resolve("none.csv"), ColumnSpec.seedSchema()))
                .isInstanceOf(DatasetException.class).hasMessageContaining("No such file");
    }

    @Test
    void reportsAnUnterminatedQuoteAsMalformed() throws IOException {
        Path csv = write("Subject,Description,Category\na,\"never closed,X\n");

        assertThatThrownBy(() -> TicketCsvReader.read(csv, ColumnSpec.seedSchema()))
                .isInstanceOf(DatasetException.class).hasMessageContaining("not a well-formed CSV");
    }

    @Test
    void readsTheCommittedFixture() {
        Dataset d = TicketCsvReader.read(Fixtures.tickets(), ColumnSpec.seedSchema());

        assertThat(d.tickets()).hasSize(65);
        assertThat(d.blankRowsSkipped()).isEqualTo(1);
        assertThat(d.duplicateRows()).isEqualTo(1);
        assertThat(d.tickets()).extracting(LabeledTicket::label).containsOnly("Billing Inquiry", "Account Management",
                "Bug Report", "Feature Request", "Technical Issue");
        assertThat(d.sha256()).hasSize(64);
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
