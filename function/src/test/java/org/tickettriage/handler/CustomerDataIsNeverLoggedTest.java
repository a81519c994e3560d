package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;

/**
 * Ticket text, subjects, senders and email bodies are customer data: a canary string sent through every adapter entry
 * point, good input and bad, with every logger at DEBUG, appears in no log line and no metrics record.
 */
class CustomerDataIsNeverLoggedTest {

    static final String CANARY = "Canary7Q4zPelican";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TriageService real;

    @BeforeAll
    static void loadTheBundledModel() {
        real = TriageServices.create(Optional.empty(), OptionalDouble.empty());
    }

    @Test
    void httpRoutesLogNoTicketText() throws Exception {
        List<String> metrics = new ArrayList<>();
        TriageMetrics recording = TriageMetrics.to(metrics::add, "TicketTriage", "test");
        ClassifyHttpHandler handler = new ClassifyHttpHandler(real, recording);
        ClassifyHttpHandler failing = new ClassifyHttpHandler(FakeTriage.failing(), recording);
        String ticket = ticket("My data is gone " + CANARY, "Production database lost " + CANARY
                + " security breach, charged twice, refund " + CANARY);

        List<String> lines;
        try (CapturedLog log = CapturedLog.at(Level.DEBUG)) {
            List<Integer> statuses = new ArrayList<>();
            statuses.add(handler.handleRequest(HttpEvents.request("POST", "/classify", ticket), null).getStatusCode());
            statuses.add(handler.handleRequest(HttpEvents.request("POST", "/classify/batch", "{\"tickets\":[" + ticket + ","
                    + "{\"subject\":\"" + CANARY + "\",\"priority\":\"" + CANARY + "\"},"
                    + "{\"subject\":\"" + "x".repeat(1_001) + CANARY + "\"},"
                    + "{\"subject\":" + 7 + ",\"description\":\"" + CANARY + "\"},"
                    + "{\"subject\":\"refund\",\"requester\":\"" + CANARY + " <x@example.com>\"},"
                    + "{\"subject\":\"refund\",\"organization\":\"" + "o".repeat(200) + CANARY + "\"},"
                    + "{\"subject\":\"refund\",\"tags\":[\"" + CANARY.repeat(7) + "\"]}]}"), null).getStatusCode());
            statuses.add(handler.handleRequest(HttpEvents.request("POST", "/classify",
                    "{\"subject\":\"" + CANARY + "\", \"description\": " + CANARY + "}"), null).getStatusCode());
            statuses.add(handler.handleRequest(HttpEvents.request("POST", "/classify",
                    "{\"description\":\"" + CANARY.repeat(4_000) + "\"}"), null).getStatusCode());
            statuses.add(handler.handleRequest(HttpEvents.request("POST", "/" + CANARY, ticket), null).getStatusCode());
            statuses.add(handler.handleRequest(HttpEvents.request("GET", "/classify", null, Map.of("x-note", CANARY)), null).getStatusCode());
            APIGatewayV2HTTPEvent base64 = HttpEvents.request("POST", "/classify",
                    Base64.getEncoder().encodeToString(ticket.getBytes(StandardCharsets.UTF_8)),
                    Map.of("content-type", "application/json"));
            base64.setIsBase64Encoded(true);
            statuses.add(handler.handleRequest(base64, null).getStatusCode());
            statuses.add(failing.handleRequest(HttpEvents.request("POST", "/classify", ticket), null).getStatusCode());
            lines = log.lines();
            assertThat(statuses).containsExactly(200, 200, 400, 400, 404, 405, 200, 500);
        }

        assertIsJsonLogWithoutCanary(lines);
        assertThat(lines).anyMatch(line -> line.contains("\"level\":\"DEBUG\""))
                .anyMatch(line -> line.contains("\"level\":\"ERROR\""))
                .anyMatch(line -> line.contains("\"route\":\"POST /classify/batch\""))
                .anyMatch(line -> line.matches(".*\"reasonCodes\":\"[a-z_]+(,[a-z_]+)*\".*"));
        assertThat(metrics).isNotEmpty().noneMatch(line -> line.contains(CANARY));
    }

    @Test
    void emailLogsNoSenderSubjectOrBody() throws Exception {
        List<String> metrics = new ArrayList<>();
        TriageMetrics recording = TriageMetrics.to(metrics::add, "TicketTriage", "test");
        String message = "From: " + CANARY + " <" + CANARY.toLowerCase() + "@example.com>\r\n"
                + "To: support@example.com\r\n"
                + "Subject: Refund please " + CANARY + "\r\n"
                + "Message-ID: <" + CANARY + "@mail.example.com>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "I was charged twice. " + CANARY + "\r\n\r\nOn Monday " + CANARY + " wrote:\r\n> quoted " + CANARY + "\r\n";
        EmailSource source = (bucket, key, versionId) -> {
            if (key.endsWith("unreadable")) {
                throw new IOException("connection reset while reading " + CANARY);
            }
            if (key.endsWith("gone")) {
                throw new EmailObjectMissingException("s3://" + bucket + "/" + key + " does not exist.");
            }
            String raw = key.endsWith("garbage") ? CANARY + "\u0000\u00ff not a message" : message;
            return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
        };
        EmailIngestHandler handler = new EmailIngestHandler(source, real, recording);

        List<String> lines;
        try (CapturedLog log = CapturedLog.at(Level.DEBUG)) {
            EmailIngestResult result = handler.handleRequest(S3Events.load("email-object-created.json",
                    "mail/inbound/good", "mail/inbound/garbage", "mail/inbound/gone"), null);
            assertThat(result.results()).extracting(EmailRecordResult::outcome)
                    .hasSize(3).startsWith("triaged").endsWith("review");
            assertThatThrownBy(() -> handler.handleRequest(S3Events.load("email-object-created.json",
                    "mail/inbound/unreadable"), null)).isInstanceOf(EmailIngestException.class)
                    .as("Lambda logs the invocation's error message").message().doesNotContain(CANARY);
            lines = log.lines();
        }

        assertIsJsonLogWithoutCanary(lines);
        assertThat(lines).anyMatch(line -> line.contains("\"emailOutcome\":\"triaged\""))
                .anyMatch(line -> line.contains("\"emailOutcome\":\"failed\""));
        assertThat(metrics).isNotEmpty().noneMatch(line -> line.contains(CANARY));
    }

    /** Every line is one JSON object with the fields Lambda and operators read, and none holds the canary. */
    static void assertIsJsonLogWithoutCanary(List<String> lines) throws IOException {
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(line).as("a log line").doesNotContainIgnoringCase(CANARY);
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
            assertThat(json.path("timestamp").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(json.path("message").asText()).as(line).isNotBlank();
        }
    }

    /** A ticket with every attribute set, the requester, organization and tags carrying the canary too. */
    private static String ticket(String subject, String description) {
        return "{\"subject\":\"" + subject + "\",\"description\":\"" + description + "\","
                + "\"requester\":\"" + CANARY.toLowerCase() + "@example.com\",\"organization\":\"" + CANARY + " Ltd\","
                + "\"tier\":\"enterprise\",\"channel\":\"web\",\"language\":\"de\",\"tags\":[\"" + CANARY + "\",\"vip\"]}";
    }
}
