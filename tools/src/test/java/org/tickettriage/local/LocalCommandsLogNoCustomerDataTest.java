package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.handler.CapturedLog;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.tools.TriageTools;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.handler.TriageMetrics;

/**
 * The local commands ({@code serve}, {@code invoke}, {@code ingest-email}) with every logger at DEBUG: a canary in a
 * ticket's text or an email's sender, subject and body is in no log line, no metrics record and nothing the commands
 * write on standard error. (What {@code ingest-email} prints on standard output is its result, asked for.)
 */
class LocalCommandsLogNoCustomerDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANARY = "Canary9Heron2Xq";
    private static final String TICKET = "{\"subject\":\"Refund " + CANARY + "\",\"description\":\"charged twice " + CANARY + "\"}";

    @Test
    void serveInvokeAndIngestEmailLogNoCustomerData(@TempDir Path dir) throws Exception {
        List<String> metrics = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ObjectNode template = (ObjectNode) JSON.readTree(NodeTools.ROOT.resolve("events/classify-bug.json").toFile());
        Path event = dir.resolve("event.json");
        JSON.writeValue(event.toFile(), template.put("body", TICKET));
        Path email = Files.writeString(dir.resolve("mail.eml"), "From: " + CANARY + " <c@example.com>\r\nTo: s@example.com\r\n"
                + "Subject: Login broken " + CANARY + "\r\nMessage-ID: <1@example.com>\r\n\r\nI cannot log in. " + CANARY + "\r\n");

        List<String> lines;
        try (CapturedLog log = CapturedLog.at(Level.DEBUG)) {
            try (LocalServer server = LocalServer.start(new ClassifyHttpHandler(FakeTriage.service(),
                    TriageMetrics.to(metrics::add, "TicketTriage", "local")), 0)) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url().resolve("classify"))
                        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(TICKET)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                HttpResponse<String> notFound = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + CANARY)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(notFound.statusCode()).isEqualTo(404);
            }
            PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
            assertThat(TriageTools.run(stdout, stderr, "invoke", "--event", event.toString(),
                    "--template", NodeTools.ROOT.resolve("template.yaml").toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(TriageTools.run(stdout, stderr, "ingest-email", "--json", email.toString())).isZero();
            lines = log.lines();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).as("the commands' own results do carry the text").contains(CANARY);
        assertThat(lines).isNotEmpty().anyMatch(line -> line.contains("\"level\":\"DEBUG\""));
        assertThat(lines).noneMatch(line -> line.contains(CANARY));
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
        assertThat(metrics).isNotEmpty().noneMatch(line -> line.contains(CANARY));
    }
}
