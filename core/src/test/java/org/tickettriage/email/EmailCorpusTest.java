package org.tickettriage.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.Ticket;

/**
 * Every message of the committed corpus through {@link EmailTriage}: outcome, reason, decoded subject,
 * the customer's text (and what must have been stripped from it), attachments counted.
 */
class EmailCorpusTest {

    private static final String TABLE_HEADER = "file | outcome | reason | attachments | subject contains | text contains | text lacks";

    private final EmailTriage triage = new EmailTriage(FakeTriage.service());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', useHeadersInDisplayName = false, textBlock = """
        plain-bug-report.eml            | triaged | -                | 0 | Export crashes          | CSV export crashes with error 500        | -
        alternative-billing.eml         | triaged | -                | 0 | Charged twice – please  | two payments of 49,00 €                  | View in browser
        html-only-feature.eml           | triaged | -                | 0 | dark mode               | - a toggle in the settings page          | QUOTEDTEXT
        charset-iso-8859-1-qp.eml       | triaged | -                | 0 | Problème de facturation | le montant de ma dernière facture        | Cordialement
        charset-iso-8859-2-8bit.eml     | triaged | -                | 0 | Nie mogę się zalogować  | Hasło zostało zresetowane                | -
        charset-iso-8859-15-base64.eml  | triaged | -                | 0 | Laskussa virhe (€)      | summa on 45 € vaikka. Œuvre test: œ š ž  | -
        charset-windows-1252-8bit.eml   | triaged | -                | 0 | Sync failed             | “Sync failed” – every time               | Regards
        charset-windows-1251-base64.eml | triaged | -                | 0 | Ошибка при оплате       | деньги списываются дважды                | С уважением
        charset-koi8-r-8bit.eml         | triaged | -                | 0 | Не работает экспорт     | Экспорт отчёта в PDF не работает         | -
        charset-iso-2022-jp.eml         | triaged | -                | 0 | パスワードをリセット        | アカウントにログインできません              | よろしくお願いします
        charset-shift-jis-base64.eml    | triaged | -                | 0 | 請求書の金額が間違って      | 二重請求ではないでしょうか                  | -
        charset-utf-8-8bit.eml          | triaged | -                | 0 | Hochladen großer Dateien | „Upload fehlgeschlagen“                 | Viele Grüße
        charset-undeclared-8bit.eml     | triaged | -                | 0 | cambiar la direccion    | dirección de facturación de mi cuenta    | -
        forwarded-rfc822.eml            | triaged | -                | 1 | Fwd: Refund             | billed twice for order 5512              | -
        forwarded-inline-gmail.eml      | triaged | -                | 0 | Fwd: API returns 503    | every API call returns HTTP 503          | -
        reply-gmail-quoted.eml          | triaged | -                | 0 | Cannot reset password   | The reset link you sent has expired      | QUOTEDTEXT
        reply-outlook.eml               | triaged | -                | 0 | Invoice question        | corrected invoice for February           | QUOTEDTEXT
        reply-portuguese-gmail.eml      | triaged | -                | 0 | Cobrança em duplicidade | cobrado duas vezes no meu cartão         | Enviado do meu iPhone
        reply-portuguese-outlook.eml    | triaged | -                | 0 | Exportação falha        | continua a falhar com o erro 500         | QUOTEDTEXT
        reply-interleaved.eml           | triaged | -                | 0 | Sync problem            | the sync stops at 80 percent             | Which version of the app
        reply-html-outlook.eml          | triaged | -                | 0 | Your ticket             | error AADSTS50011                        | QUOTEDTEXT
        nested-multipart-related.eml    | triaged | -                | 2 | Dashboard totals        | see the screenshot and the export        | HTMLONLY
        ses-stored-account.eml          | triaged | -                | 0 | Locked out of my account | now my account is locked                | -
        auto-reply-auto-submitted.eml   | skipped | auto_reply       | 0 | Automatic reply         | -                                        | -
        auto-reply-x-autoreply.eml      | skipped | auto_reply       | 0 | Away                    | -                                        | -
        bounce-dsn.eml                  | skipped | bounce           | 2 | Undelivered Mail        | -                                        | -
        bulk-precedence.eml             | skipped | bulk             | 0 | spring release          | -                                        | -
        virus-verdict.eml               | skipped | virus            | 1 | Invoice attached        | -                                        | -
        spam-verdict.eml                | review  | spam_suspected   | 0 | Refund owed             | Reply with your card number              | -
        empty-body-only-attachment.eml  | review  | empty            | 1 | -                       | -                                        | -
        malformed-broken-boundary.eml   | review  | malformed        | 0 | Data missing            | half of the customer records are missing | actual-boundary
        malformed-missing-headers.eml   | triaged | -                | 0 | -                       | The mobile app crashes on startup        | -
        malformed-invalid-utf8.eml      | triaged | -                | 0 | Login page error        | the page goes blank                      | -
        malformed-bad-base64.eml        | triaged | -                | 1 | Printer driver          | fails with code 0x80070643               | not base64
        malformed-no-boundary-param.eml | triaged | -                | 0 | Cannot upgrade          | the upgrade button gives an error        | -
        """)
    void corpusMessageGetsTheExpectedOutcome(String file, String outcome, String reason, int attachments,
                                             String subject, String contains, String lacks) throws IOException {
        EmailOutcome result;
        try (InputStream raw = Corpus.open(file)) {
            result = triage.process(raw);
        }

        assertThat(result.outcome()).as(file + ": " + result.detail()).isEqualTo(outcome);
        assertThat(result.reason()).isEqualTo(reason.equals("-") ? null : reason);
        assertThat(result.attachments()).isEqualTo(attachments);
        if (!subject.equals("-")) {
            assertThat(result.subject()).contains(subject);
        }
        if (outcome.equals(EmailOutcome.SKIPPED) || reason.equals("empty")) {
            assertThat(result.triage()).isNull();
        } else {
            assertThat(result.triage()).isNotNull();
            assertThat(result.triage().ticketId()).isEqualTo(result.ticketId());
        }
        String text = result.triage() == null ? "" : textOf(file);
        if (!contains.equals("-")) {
            for (String part : contains.split("\\. ")) {
                assertThat(text).contains(part);
            }
        }
        if (!lacks.equals("-")) {
            assertThat(text).doesNotContain(lacks);
        }
        assertThat(result.detail() == null).isEqualTo(outcome.equals(EmailOutcome.TRIAGED));
    }

    @Test
    void everyCorpusFileHasAnExpectation() throws Exception {
        String table = EmailCorpusTest.class.getDeclaredMethod("corpusMessageGetsTheExpectedOutcome", String.class,
                String.class, String.class, int.class, String.class, String.class, String.class)
                .getAnnotation(CsvSource.class).textBlock();
        Set<String> expected = new HashSet<>();
        table.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> expected.add(l.split("\\|")[0].strip()));

        assertThat(Set.copyOf(Corpus.names())).as(TABLE_HEADER).isEqualTo(expected);
    }

    @Test
    void senderMessageIdAndDateTravelWithTheTicket() throws IOException {
        EmailOutcome result;
        try (InputStream raw = Corpus.open("ses-stored-account.eml")) {
            result = triage.process(raw);
        }

        assertThat(result.sender()).isEqualTo("maria.garcia@example.com");
        assertThat(result.messageId()).isEqualTo("CAF=ses-stored-24@mail.example.com");
        assertThat(result.ticketId()).isEqualTo("CAF=ses-stored-24@mail.example.com");
        assertThat(result.date()).isEqualTo("2025-03-03T08:30:00Z");
        assertThat(result.triage().category()).isEqualTo("Account Management");
    }

    @Test
    void theTicketOfAnEmailHasTheSenderAsRequesterAndChannelEmail() throws IOException {
        ParsedEmail email;
        try (InputStream raw = Corpus.open("ses-stored-account.eml")) {
            email = new EmailParser().parse(raw);
        }

        Ticket ticket = EmailTriage.ticket("T-1", "Locked out again", "My account is locked", email);

        assertThat(ticket.requester()).isEqualTo("maria.garcia@example.com");
        assertThat(ticket.channel()).isEqualTo("email");
        assertThat(ticket.timestamp()).isEqualTo(email.date());
        assertThat(ticket.toString()).doesNotContain("maria").doesNotContain("Locked").doesNotContain("account");
    }

    @Test
    void aSenderThatIsNoPlainAddressIsLeftOutAndTheMessageStillTriaged() throws IOException {
        String message = "From: \"Support, Team\" <>\r\nTo: support@example.com\r\nSubject: Refund\r\n"
                + "Message-ID: <odd-sender@example.com>\r\nContent-Type: text/plain\r\n\r\nI was charged twice.\r\n";
        ParsedEmail email = new EmailParser().parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));

        assertThat(EmailTriage.ticket("T-1", "Refund", "I was charged twice.", email).requester()).isNull();
        assertThat(triage.decide(email).outcome()).isEqualTo(EmailOutcome.TRIAGED);
    }

    @Test
    void encodedWordsInTheSenderAndSubjectAreDecoded() throws IOException {
        ParsedEmail email;
        try (InputStream raw = Corpus.open("charset-windows-1251-base64.eml")) {
            email = new EmailParser().parse(raw);
        }

        assertThat(email.subject()).isEqualTo("Ошибка при оплате");
        assertThat(email.sender()).isEqualTo("ivan@example.ru");
        assertThat(email.warnings()).isEmpty();
    }

    @Test
    void forwardedMessageIsReadAfterTheForwardersNote() throws IOException {
        ParsedEmail email;
        try (InputStream raw = Corpus.open("forwarded-rfc822.eml")) {
            email = new EmailParser().parse(raw);
        }

        assertThat(email.forwarded()).isEqualTo(1);
        assertThat(email.sender()).isEqualTo("tom.baker@example.com");
        assertThat(email.text()).startsWith("Forwarding a customer's complaint")
                .contains("Refund for duplicate charge\nHello, my card was billed twice");
    }

    @Test
    void messageWithoutMessageIdGetsAStableHashId() throws IOException {
        EmailOutcome first;
        EmailOutcome again;
        try (InputStream raw = Corpus.open("malformed-missing-headers.eml")) {
            first = triage.process(raw);
        }
        try (InputStream raw = Corpus.open("malformed-missing-headers.eml")) {
            again = triage.process(raw);
        }

        assertThat(first.messageId()).isNull();
        assertThat(first.ticketId()).startsWith(EmailTriage.HASH_ID_PREFIX).hasSize(EmailTriage.HASH_ID_PREFIX.length() + 40);
        assertThat(again).isEqualTo(first);
        assertThat(first.warnings()).contains("The message has no Message-ID.");
    }

    @Test
    void invalidBytesAreReplacedAndReported() throws IOException {
        EmailOutcome result;
        try (InputStream raw = Corpus.open("malformed-invalid-utf8.eml")) {
            result = triage.process(raw);
        }

        assertThat(result.warnings()).containsExactly("Some bytes are not valid UTF-8 and were replaced.");
        assertThat(textOf("malformed-invalid-utf8.eml")).contains("\uFFFD");
    }

    @Test
    void everyCorpusMessageGivesTheSameOutcomeTwice() throws IOException {
        for (String name : Corpus.names()) {
            EmailOutcome first;
            EmailOutcome again;
            try (InputStream raw = Corpus.open(name)) {
                first = triage.process(raw);
            }
            try (InputStream raw = Corpus.open(name)) {
                again = triage.process(raw);
            }
            assertThat(again).as(name).isEqualTo(first);
        }
    }

    private static String textOf(String file) throws IOException {
        try (InputStream raw = Corpus.open(file)) {
            return new EmailParser().parse(raw).text();
        }
    }
}
