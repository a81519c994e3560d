package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.email.Corpus;
import org.tickettriage.handler.FreshJvm;
import org.tickettriage.tools.TriageTools;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.TriageService;

/**
 * {@code routing check} and {@code --routing} on {@code serve}, {@code invoke} and {@code ingest-email}: each mistake
 * a policy can hold is reported with its line, exit codes follow the house convention (0 fine, 1 failed, 2 usage), and
 * the commands that serve route by the policy they are given.
 */
class RoutingCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed schema's categories, which the bundled keyword fallbacks name. */
    private static final List<String> LABELS =
            List.of("Bug Report", "Feature Request", "Technical Issue", "Billing Inquiry", "Account Management");

    private final LocalCommand command = new LocalCommand();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown priority       | Bug Report,Urgent,Engineering,engineering,PT4H                                | routing.csv:3: error: unknown priority 'Urgent'
        bad duration           | Bug Report,High,Engineering,engineering,4 hours                               | routing.csv:3: error: first_response '4 hours' is not an ISO-8601 duration
        a row that never matches | *,*,Support,support,P1D                                                     | routing.csv:4: error: can never match: line 3 comes first
        duplicate              | Bug Report,Low,Engineering,engineering,P3D                                    | routing.csv:4: error: duplicate of line 3
        """)
    void routingCheckReportsEachMistakeWithItsLine(String mistake, String row, String expected, @TempDir Path folder) {
        // The mistake's row goes on line 3, after a good row; a shadowed row and a duplicate come after it on line 4.
        String rows = switch (mistake) {
            case "a row that never matches" -> row + "\nBug Report,Low,Engineering,engineering,P3D\n";
            case "duplicate" -> "Bug Report,Low,Engineering,engineering,P3D\n" + row + "\n";
            default -> row + "\n";
        };
        PolicyFolders.routing(folder, "Technical Issue,*,Technical Support,tech-support,P1D\n" + rows);

        int code = command.run("routing", "check", folder.toString());

        assertThat(code).as(command.stdout() + command.stderr()).isEqualTo(1);
        assertThat(command.stdout()).contains(expected);
        assertThat(lastLine()).contains("routing check " + folder).contains("FAILED");
    }

    @Test
    void routingCheckReportsAnUnknownColumnOnTheHeaderLine(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("routing.csv"), "# The team's routing\n"
                + "category,priority,team,queue,first_response,tiers\n*,*,Support,support,P1D,*\n");

        int code = command.run("routing", "check", folder.toString());

        assertThat(code).isEqualTo(1);
        assertThat(command.stdout()).contains("routing.csv:2: error: unknown column 'tiers'");
    }

    @Test
    void routingCheckOfAGoodPolicyPrintsTheDefaultedFilesAndASummaryAndExitsZero(@TempDir Path folder) {
        PolicyFolders.routing(folder, "*,*,Support,support,P1D\n");

        int code = command.run("routing", "check", folder.toString());

        assertThat(code).as(command.stdout() + command.stderr()).isZero();
        assertThat(command.stdout().lines().toList()).containsExactly(
                "From the bundled default: priorities.csv, keywords.csv, escalation.csv, review.csv",
                "routing check " + folder + ": 0 errors, 0 warnings; OK");
    }

    @Test
    void aModelLabelNoRowRoutesIsAWarningThatOnlyStrictFails(@TempDir Path dir) throws IOException {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "Bug Report,*,Engineering,engineering,P1D\n"
                + "Feature Request,*,Product,product,P5D\nTechnical Issue,*,Technical Support,tech-support,P1D\n"
                + "Billing Inquiry,*,Billing,billing,P1D\n");
        Path model = card(dir.resolve("model"), LABELS);

        int lenient = command.run("routing", "check", policy.toString(), "--model", model.toString());
        String report = command.stdout();
        int strict = command.run("routing", "check", policy.toString(), "--model", model.toString(), "--strict");

        assertThat(lenient).as(report).isZero();
        assertThat(report).contains("routing.csv: warning: no row routes the model's label 'Account Management'")
                .contains("with model test-card: 0 errors, 1 warning; OK");
        assertThat(strict).isEqualTo(1);
        assertThat(lastLine()).contains("0 errors, 1 warning (--strict: warnings fail); FAILED");
    }

    @Test
    void strictPassesAPolicyThatRoutesEveryLabel(@TempDir Path dir) throws IOException {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "*,*,Support,support,P1D\n");
        Path model = card(dir.resolve("model"), LABELS);

        assertThat(command.run("routing", "check", policy.toString(), "--model", model.toString(), "--strict"))
                .as(command.stdout()).isZero();
    }

    @Test
    void routingCheckExitsOneForMissingInputsAndTwoForUsageErrors(@TempDir Path dir) throws IOException {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "*,*,Support,support,P1D\n");
        Files.createDirectories(dir.resolve("no-card"));

        assertThat(command.run("routing", "check", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(command.stderr()).contains("routing policy " + dir.resolve("nowhere") + " not found");
        assertThat(command.run("routing", "check", policy.toString(), "--model", dir.resolve("no-model").toString())).isEqualTo(1);
        assertThat(command.run("routing", "check", policy.toString(), "--model", dir.resolve("no-card").toString())).isEqualTo(1);
        assertThat(command.stderr()).contains("has no model-card.json");
        assertThat(command.run("routing", "check")).isEqualTo(2);
        assertThat(command.run("routing")).isEqualTo(2);
        assertThat(command.run("routing", "check", " ")).as("a blank location").isEqualTo(2);
        assertThat(command.stderr()).doesNotContain("\tat ");
    }

    @Test
    void serveAndIngestEmailBuildTheirServiceWithTheRoutingPolicyGiven(@TempDir Path folder) {
        PolicyFolders.routing(folder, "*,*,Crash Squad,crashes,PT2H\n");

        TriageService service = LocalCommands.service(null, null, folder.toString());

        assertThat(service.health().routingPolicy()).isEqualTo(folder.toString());
        assertThat(service.triage(new org.tickettriage.triage.Ticket(null, "The app crashes", "on export", null, null))
                .team()).isEqualTo("Crash Squad");
    }

    @Test
    void ingestEmailRoutesByTheEmailChannelOfItsPolicy(@TempDir Path folder) throws IOException {
        PolicyFolders.write(folder, Map.of("routing.csv", "category,priority,team,queue,first_response,channel\n"
                + "*,*,Email Desk,email-desk,PT8H,email\n*,*,Support,support,P1D,*\n"));

        int code = command.run("ingest-email", "--json", "--routing", folder.toString(),
                Corpus.DIR.resolve("plain-bug-report.eml").toString());

        assertThat(code).as(command.stderr()).isZero();
        JsonNode result = JSON.readTree(command.stdout().strip());
        assertThat(result.get("triage").get("team").asText()).isEqualTo("Email Desk");
        assertThat(result.get("triage").get("reasonCodes").toString()).contains("routing.csv line 2");
    }

    @Test
    void aBrokenPolicyEndsServingCommandsWithItsMessageAndNoStackTrace(@TempDir Path folder) {
        PolicyFolders.routing(folder, "Bug Report,Urgent,Engineering,engineering,PT4H\n");

        int code = command.run("ingest-email", "--routing", folder.toString(), Corpus.DIR.resolve("plain-bug-report.eml").toString());

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("triage ingest-email: the routing policy " + folder + " has 1 error")
                .contains("routing.csv:2: error: unknown priority 'Urgent'")
                .doesNotContain("RoutingPolicyException").doesNotContain("\tat ");
        assertThat(command.run("ingest-email", "--routing", folder.resolve("missing").toString(),
                Corpus.DIR.resolve("plain-bug-report.eml").toString())).as("a policy that does not exist").isEqualTo(1);
    }

    @Test
    void invokeRoutesWithTheRoutingFlagInPlaceOfTheTemplates(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "*,*,Crash Squad,crashes,PT2H\n");

        FreshJvm.Result result = FreshJvm.run(TriageTools.class, List.of(), "invoke", "--template", "../template.yaml",
                "--function", "ClassifyFunction", "--event", "../events/classify-bug.json", "--routing", folder.toString());

        assertThat(result.exitCode()).as(result.both()).isZero();
        JsonNode body = JSON.readTree(JSON.readTree(result.stdout()).get("body").asText());
        assertThat(body.get("team").asText()).isEqualTo("Crash Squad");
        assertThat(body.get("firstResponseTarget").asText()).isEqualTo("PT2H");
    }

    @Test
    void invokeWithABrokenPolicyFailsAsLambdasInitWouldWithTheMessage(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "*,*,Support,support,eventually\n");

        FreshJvm.Result result = FreshJvm.run(TriageTools.class, List.of(), "invoke", "--template", "../template.yaml",
                "--function", "ClassifyFunction", "--event", "../events/classify-bug.json", "--routing", folder.toString());

        assertThat(result.exitCode()).as(result.both()).isEqualTo(1);
        assertThat(result.stderr()).contains("routing.csv:2: error: first_response 'eventually'").doesNotContain("\tat ");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void serveAnswersWithThePolicyGiven(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "*,*,Crash Squad,crashes,PT2H\n");
        Process serve = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), TriageTools.class.getName(),
                "serve", "--port", "0", "--routing", folder.toString())
                .redirectErrorStream(true).start();
        try {
            String url = servingUrl(serve);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.get("routingPolicy").asText()).isEqualTo(folder.toString());
            assertThat(health.get("priorities")).hasSize(4);
        } finally {
            serve.destroy();
            serve.waitFor();
        }
    }

    /** The URL {@code serve} prints once it listens (its first line saying so). */
    private static String servingUrl(Process serve) throws IOException {
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int at = line.indexOf("ticket-triage serving ");
            if (at >= 0) {
                String rest = line.substring(at + "ticket-triage serving ".length());
                return rest.substring(0, rest.indexOf(' '));
            }
        }
        throw new AssertionError("serve ended without serving");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A model directory holding only a model card with these category labels and the default priority scale. */
    private static Path card(Path dir, List<String> categories) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model-card.json"), JSON.writeValueAsString(Map.of(
                "modelVersion", "test-card", "categoryLabels", categories,
                "priorityLabels", List.of("Low", "Medium", "High", "Critical"), "reviewThreshold", 0.5)));
        return dir;
    }

    private String lastLine() {
        List<String> lines = command.stdout().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
