package org.tickettriage.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.TicketClassifier;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.Reason;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.triage.TriageService;

/**
 * Raw email, from arbitrary bytes and from mutations of the test corpus ({@code core/src/test/resources/email}),
 * through {@link EmailParser} and {@link EmailTriage}: every message is triaged, skipped or sent to review with
 * a usable ticket id and a detail that does not quote it, and nothing is thrown, an {@link OutOfMemoryError}
 * or a {@link StackOverflowError} included.
 */
class EmailParserFuzzTest {

    private static final EmailParser PARSER = new EmailParser();
    // The real TriageService (its checks decide between triage and review) over a fixed classifier and router:
    // the real ones are fuzzed through the HTTP handler, and here would cost most of the time per input.
    private static final EmailTriage TRIAGE =
            new EmailTriage(new TriageService(new FixedClassifier(), new FixedRouter(), OptionalDouble.empty()), PARSER);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    /** Text this long with a non-ASCII character in it cannot be part of any of our (ASCII) details by chance. */
    private static final int QUOTABLE_CHARS = 8;

    @MethodSource("corpus")
    @DictionaryFile(resourcePath = "mime.dict")
    @FuzzTest
    void everyMessageIsTriagedSkippedOrSentToReview(byte[] raw) throws IOException {
        ParsedEmail email = PARSER.parse(new ByteArrayInputStream(raw));

        assertThat(email.contentSha256()).isEqualTo(sha256(raw));
        assertThat(email.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase(Locale.ROOT)));
        assertThat(email.warnings()).doesNotContainNull();
        assertThat(email.subject()).doesNotContainPattern(CONTROL);
        assertThat(email.text()).doesNotContainPattern(CONTROL);

        EmailOutcome outcome = TRIAGE.decide(email);

        assertThat(outcome.outcome()).isIn(EmailOutcome.TRIAGED, EmailOutcome.SKIPPED, EmailOutcome.REVIEW);
        assertThat(outcome.ticketId()).isNotBlank().hasSizeLessThanOrEqualTo(TriageService.MAX_TICKET_ID_CHARS);
        assertThat(outcome.subject()).hasSizeLessThanOrEqualTo(TriageService.MAX_SUBJECT_CHARS);
        if (outcome.outcome().equals(EmailOutcome.TRIAGED)) {
            assertThat(outcome.reason()).isNull();
            assertThat(outcome.triage()).isNotNull();
        } else {
            assertThat(outcome.reason()).matches("[a-z0-9_]+");
            assertThat(outcome.detail()).isNotBlank();
            for (String text : quotableTexts(email)) {
                assertThat(outcome.detail()).as("detail quoting the message").doesNotContain(text);
            }
        }
    }

    /** The message's own words that a detail must not repeat (see {@link #QUOTABLE_CHARS}). */
    private static List<String> quotableTexts(ParsedEmail email) {
        return Stream.concat(Stream.of(email.subject()), email.text().lines())
                .map(String::strip)
                .filter(text -> text.length() >= QUOTABLE_CHARS && text.chars().anyMatch(c -> c >= 0x80))
                .toList();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test corpus of function/ (copied to the test class path by the pom), and one message forwarding several. */
    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(EmailParserFuzzTest.class.getResource("/seeds/email").toURI());
        List<byte[]> messages;
        try (Stream<Path> files = Files.list(dir)) {
            messages = files.sorted().map(EmailParserFuzzTest::read).toList();
        }
        return Stream.concat(messages.stream(), Stream.of(forwarding(messages))).map(raw -> Arguments.of((Object) raw));
    }

    /**
     * A message that forwards the first corpus messages as {@code message/rfc822} parts: nested structure, and
     * larger than any one message, since libFuzzer grows no input past the largest seed (or 4 KiB).
     */
    private static byte[] forwarding(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: Support Lead <lead@example.com>\r\nTo: support@example.com\r\nSubject: Fwd: tickets from the old queue\r\n"
                + "Message-ID: <forwarding@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"forwarded\"\r\n\r\n--forwarded\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe messages below never got an answer.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (byte[] message : messages) {
            if (out.size() > 6_000) {
                break;
            }
            out.writeBytes("--forwarded\r\nContent-Type: message/rfc822\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(message);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("--forwarded--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Always the same confident prediction. */
    private static final class FixedClassifier implements TicketClassifier {

        @Override
        public Prediction classify(String subject, String description) {
            return new Prediction("Technical Issue", 0.9, Map.of("Technical Issue", 0.9), "Medium", 0.6, List.of());
        }

        @Override
        public String modelVersion() {
            return "fixed";
        }

        @Override
        public double reviewThreshold() {
            return 0.5;
        }
    }

    /** Routes every ticket to one queue. */
    private static final class FixedRouter implements Router {

        @Override
        public RoutingDecision route(RoutingRequest request) {
            return new RoutingDecision(request.predictedCategory(), "Medium", "Technical Support", "tech-queue",
                    Duration.ofHours(4), DecidedBy.MODEL, false, false,
                    List.of(new Reason(ReasonCode.MODEL_CONFIDENT, request.predictedCategory())), Map.of());
        }

        @Override
        public RoutingPolicy policy() {
            return RoutingPolicy.bundled();
        }
    }
}
