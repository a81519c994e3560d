package org.tickettriage.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.tools.TriageTools;

/**
 * {@code ./triage backfill} in a fresh JVM with its settings in the environment, as a user runs it, against WireMock
 * standing in for Zendesk's and GitHub's APIs.
 */
class BackfillCommandTest {

    private static final String EXPORT = "/api/v2/search/export.json";
    private static final String SUBJECT = "I was charged twice for my invoice, please refund";
    private WireMockServer api;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    private Map<String, String> zendesk() {
        return Map.of("TRIAGE_ZENDESK_URL", api.baseUrl(), "TRIAGE_ZENDESK_EMAIL", "triage@example.com",
                "TRIAGE_ZENDESK_API_TOKEN", "token-for-tests", "TRIAGE_ZENDESK_WEBHOOK_SECRET", "secret-for-tests");
    }

    private void zendeskTickets() {
        api.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(200).withBody("""
                {"results": [
                  {"id": 501, "subject": "%s", "description": "%s", "status": "open", "tags": [],
                   "updated_at": "2026-11-20T10:00:00Z", "via": {"channel": "web"}},
                  {"id": 502, "subject": "Old", "description": "Old", "status": "open", "tags": ["triage_billing_inquiry"],
                   "updated_at": "2026-11-20T10:00:00Z"},
                  {"id": 503, "subject": " ", "description": "", "status": "new", "tags": []}
                ], "meta": {"has_more": false}, "links": {"next": null}}
                """.formatted(SUBJECT, SUBJECT))));
    }

    @Test
    void aDryRunWritesThePlanAsCsvAndNothingToTheHelpdesk(@TempDir Path dir) throws Exception {
        zendeskTickets();
        Path plan = dir.resolve("plan.csv");

        Run run = backfill(zendesk(), "zendesk", "--dry-run", "--out", plan.toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        api.verify(0, putRequestedFor(anyUrl()));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(plan)).getRecords();
        assertThat(Files.readAllLines(plan).get(0)).isEqualTo(String.join(",", BackfillCommand.COLUMNS));
        assertThat(rows).extracting(r -> r.get("ticket_id") + " " + r.get("action"))
                .containsExactly("501 planned", "503 not_triaged");
        assertThat(rows.get(0).get("category")).isEqualTo("Billing Inquiry");
        assertThat(rows.get(0).get("write_labels")).startsWith("triage_billing_inquiry");
        assertThat(rows.get(0).get("write_priority")).isNotEmpty();
        assertThat(rows.get(1).get("detail")).isEqualTo("empty_ticket");
        assertThat(run.stderr()).contains("backfill zendesk: 3 open tickets listed, 1 already triaged, 1 planned (dry run: nothing written)");
        assertThat(Files.readString(plan) + run.stdout() + run.stderr()).doesNotContain("charged twice");
    }

    @Test
    void aDryRunWithoutOutWritesTheCsvToStandardOutput() throws Exception {
        zendeskTickets();

        Run run = backfill(zendesk(), "zendesk", "--dry-run", "--no-progress");

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(run.stdout())).getRecords();
        assertThat(rows).extracting(r -> r.get("ticket_id")).containsExactly("501", "503");
    }

    @Test
    void aBackfillWritesBackAndAFailureForGoodEndsInTheDeadLettersWithExitCode1() throws Exception {
        zendeskTickets();
        api.stubFor(put(urlPathEqualTo("/api/v2/tickets/501.json")).willReturn(aResponse().withStatus(422)));

        Run run = backfill(zendesk(), "zendesk", "--no-progress");

        assertThat(run.exit()).isEqualTo(1);
        api.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/501.json"))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[0]", equalTo("triage_billing_inquiry"))));
        assertThat(run.stderr()).contains("0 written back, 1 dead-lettered")
                .contains("dead letter: 501 after 1 attempts: HTTP 422 on PUT /api/v2/tickets/{id}.json");
    }

    @Test
    void aGitHubBackfillLabelsTheNamedRepositorysOpenIssues() throws Exception {
        api.stubFor(get(urlPathEqualTo("/repos/octo-org/octo-app/issues")).willReturn(aResponse().withStatus(200).withBody("""
                [{"number": 12, "title": "The app crashes on start", "body": "Since the update it crashes", "labels": []}]
                """)));
        api.stubFor(post("/repos/octo-org/octo-app/issues/12/labels").willReturn(aResponse().withStatus(200).withBody("[]")));

        Run run = backfill(Map.of("TRIAGE_GITHUB_API_URL", api.baseUrl(), "TRIAGE_GITHUB_TOKEN", "token-for-tests",
                "TRIAGE_GITHUB_WEBHOOK_SECRET", "secret-for-tests"), "github", "--repository", "octo-org/octo-app", "--no-progress");

        assertThat(run.exit()).as(run.stderr()).isZero();
        api.verify(1, postRequestedFor(urlEqualTo("/repos/octo-org/octo-app/issues/12/labels"))
                .withHeader("Authorization", equalTo("Bearer token-for-tests")));
        assertThat(run.stderr()).contains("1 open tickets listed, 0 already triaged, 1 written back, 0 dead-lettered");
    }

    @Test
    void anUnconfiguredConnectorOrAWrongOptionIsRefusedBeforeAnyRequest() throws Exception {
        Run unconfigured = backfill(Map.of(), "zendesk", "--dry-run");
        Run zendeskRepository = backfill(zendesk(), "zendesk", "--repository", "octo-org/octo-app");
        Run noRepository = backfill(Map.of("TRIAGE_GITHUB_TOKEN", "t", "TRIAGE_GITHUB_WEBHOOK_SECRET", "s"), "github");

        assertThat(unconfigured.exit()).isEqualTo(1);
        assertThat(unconfigured.stderr()).contains("the zendesk connector is not configured");
        assertThat(zendeskRepository.exit()).isEqualTo(2);
        assertThat(zendeskRepository.stderr()).contains("--repository is for github only");
        assertThat(noRepository.exit()).isEqualTo(2);
        assertThat(noRepository.stderr()).contains("--repository OWNER/REPO");
        api.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run backfill(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TriageTools.class.getName(), "backfill"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(NodeTools.ROOT.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TRIAGE_"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("backfill", ".out");
        Path stderr = Files.createTempFile("backfill", ".err");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("backfill did not finish");
            }
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
