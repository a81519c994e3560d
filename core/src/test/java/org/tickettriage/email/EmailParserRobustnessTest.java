package org.tickettriage.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.TriageService;

/** Malformed, oversized and hostile input: parsed as far as possible or sent to review, never a crash. */
class EmailParserRobustnessTest {

    private final EmailTriage triage = new EmailTriage(FakeTriage.service());

    private EmailOutcome process(byte[] raw) throws IOException {
        return triage.process(new ByteArrayInputStream(raw));
    }

    @Test
    void tenMegabyteAttachmentIsSkippedAndCounted() throws IOException {
        EmailOutcome outcome = process(LargeMessages.withAttachment(10 * 1024 * 1024));

        assertThat(outcome.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(outcome.attachments()).isEqualTo(1);
        assertThat(outcome.ticketId()).isEqualTo(LargeMessages.MESSAGE_ID);
    }

    @Test
    void messageLargerThanTheCapIsReadUpToItAndSaysSo() throws IOException {
        byte[] raw = LargeMessages.withAttachment(200_000);
        EmailTriage capped = new EmailTriage(FakeTriage.service(), new EmailParser(50_000));

        EmailOutcome outcome = capped.process(new ByteArrayInputStream(raw));

        assertThat(outcome.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(outcome.warnings()).contains("The message is larger than 50000 bytes; only the first 50000 were read.");
        assertThat(outcome.triage().category()).isEqualTo("Bug Report");
    }

    @Test
    void textLongerThanTheTicketLimitIsCutNotRejected() throws IOException {
        String body = "The export crashes again. ".repeat(4_000);
        byte[] raw = ("Subject: " + "Crash ".repeat(300) + "\r\nMessage-ID: <long@example.com>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);

        EmailOutcome outcome = process(raw);

        assertThat(outcome.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(outcome.subject()).hasSizeLessThanOrEqualTo(TriageService.MAX_SUBJECT_CHARS);
        assertThat(outcome.warnings()).anyMatch(w -> w.startsWith("The subject has"))
                .anyMatch(w -> w.startsWith("The text has " + body.strip().length() + " characters"));
    }

    @Test
    void oversizedHeaderEndsTheStructureButNotTheMessage() throws IOException {
        byte[] raw = ("Subject: Invoice wrong\r\nMessage-ID: <huge-header@example.com>\r\nX-Junk: "
                + "a".repeat(EmailParser.MAX_HEADER_FIELD_BYTES + 10) + "\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);

        EmailOutcome outcome = process(raw);

        assertThat(outcome.outcome()).isEqualTo(EmailOutcome.REVIEW);
        assertThat(outcome.reason()).isEqualTo("malformed");
        assertThat(outcome.subject()).isEqualTo("Invoice wrong");
    }

    @Test
    void messagesBrokenTheSameWayKeepTheirOwnTicketIds() throws IOException {
        // Past the limit the parser stops; past its read-ahead, the two messages differ.
        String headers = "Subject: Invoice wrong\r\n" + "X-Trace: hop\r\n".repeat(2 * EmailParser.MAX_HEADER_FIELDS) + "\r\n";

        EmailOutcome first = process((headers + "The first message.").getBytes(StandardCharsets.US_ASCII));
        EmailOutcome second = process((headers + "A second, different message.").getBytes(StandardCharsets.US_ASCII));

        assertThat(first.reason()).isEqualTo("malformed");
        assertThat(second.reason()).isEqualTo("malformed");
        assertThat(first.ticketId()).startsWith(EmailTriage.HASH_ID_PREFIX).isNotEqualTo(second.ticketId());
    }

    @Test
    void emptyInputGoesToReview() throws IOException {
        EmailOutcome outcome = process(new byte[0]);

        assertThat(outcome.outcome()).isEqualTo(EmailOutcome.REVIEW);
        assertThat(outcome.reason()).isEqualTo("empty");
        assertThat(outcome.ticketId()).startsWith(EmailTriage.HASH_ID_PREFIX);
    }

    @Test
    void overlongMessageIdBecomesAStableHashId() throws IOException {
        byte[] raw = ("Message-ID: <" + "x".repeat(300) + "@example.com>\r\nSubject: Login fails\r\n\r\nI cannot log in.")
                .getBytes(StandardCharsets.US_ASCII);

        EmailOutcome first = process(raw);

        assertThat(first.ticketId()).startsWith(EmailTriage.HASH_ID_PREFIX).isEqualTo(process(raw).ticketId());
        assertThat(first.messageId()).hasSize(312);
        assertThat(first.outcome()).isEqualTo(EmailOutcome.TRIAGED);
    }

    @Test
    void randomlyDamagedCorpusMessagesNeverCrash() throws IOException {
        Random random = new Random(7);
        for (String name : Corpus.names()) {
            byte[] original = Corpus.bytes(name);
            for (int round = 0; round < 20; round++) {
                byte[] damaged = original.clone();
                for (int i = 0; i < 1 + random.nextInt(40); i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                byte[] cut = java.util.Arrays.copyOf(damaged, 1 + random.nextInt(damaged.length));

                for (byte[] raw : new byte[][] {damaged, cut}) {
                    EmailOutcome outcome = process(raw);
                    assertThat(outcome.outcome()).as(name).isIn(EmailOutcome.TRIAGED, EmailOutcome.SKIPPED, EmailOutcome.REVIEW);
                    assertThat(outcome.ticketId()).as(name).isNotBlank();
                }
            }
        }
    }

    @Test
    void failureOfTheStreamItselfIsThrownForARetry() {
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 100) {
                    return 'a';
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> triage.process(broken)).isInstanceOf(IOException.class).hasMessage("connection reset");
    }
}
