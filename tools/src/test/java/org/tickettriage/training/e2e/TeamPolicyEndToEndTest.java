package org.tickettriage.training.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.training.train.TrainCommand;
import picocli.CommandLine;

/**
 * What a support team does, end to end, without touching Java: train on its own export (its own queue names and
 * a P1-P3 urgency scale), write a routing policy for those labels, check it against the model, and serve it with
 * the tools jar as {@code ./triage} runs it (the Lambda handler inside). Every label reaches its team, and the model's
 * and the client's priorities are kept on the team's scale. Runs after the jar is packaged (the jar-tests execution).
 */
class TeamPolicyEndToEndTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("tools/target/ticket-triage-tools.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The team's queues, each with the words its tickets use, and the team the policy sends it to. */
    private static final Map<String, List<String>> WORDS = Map.of(
            "Shipping", List.of("parcel", "courier", "tracking number", "delivery", "shipment", "warehouse"),
            "Returns", List.of("return label", "exchange", "send it back", "wrong size", "returned item", "drop-off"),
            "Payments", List.of("card declined", "payment failed", "charged", "invoice", "bank transfer", "receipt"),
            "Account Access", List.of("password reset", "login", "two-factor code", "locked out", "username", "sign in"));
    private static final Map<String, String> TEAMS = Map.of(
            "Shipping", "Logistics", "Returns", "Returns Desk", "Payments", "Finance Ops", "Account Access", "Identity");
    /** Urgency words per priority, P1 the most urgent. */
    private static final Map<String, List<String>> URGENCY = Map.of(
            "P1", List.of("urgent", "asap", "immediately", "right now"),
            "P2", List.of("soon", "this week", "when you can", "please check"),
            "P3", List.of("no rush", "whenever", "low priority", "just curious"));

    @TempDir
    Path dir;

    @Test
    void aTeamTrainsOnItsOwnLabelsChecksItsPolicyAndServesIt() throws Exception {
        assertThat(JAR).as("the tools jar is packaged before this test runs").exists();
        Path data = writeExport(dir.resolve("export.csv"));
        Path model = dir.resolve("model");
        Path policy = writePolicy(dir.resolve("policy"));

        StringWriter trainErr = new StringWriter();
        CommandLine train = new CommandLine(new TrainCommand());
        train.setOut(new PrintWriter(new StringWriter()));
        train.setErr(new PrintWriter(trainErr));
        int trained = train.execute("--data", data.toString(), "--out", model.toString(), "--text", "Subject,Body",
                "--label", "Queue", "--priority-label", "Urgency", "--seed", "5");
        assertThat(trained).as(trainErr.toString()).isZero();
        ModelCard card = ModelDirectory.readCard(model);
        assertThat(card.priorityLabels()).as("the card lists the team's scale lowest first").containsExactly("P3", "P2", "P1");

        Process check = jar("routing", "check", policy.toString(), "--model", model.toString(), "--strict");
        String checkOutput = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(checkOutput).isZero();

        Process server = jar("serve", "--port", "0", "--model", model.toString(), "--routing", policy.toString());
        try {
            URI base = serverUrl(server);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode health = JSON.readTree(get(http, base.resolve("health")));
            assertThat(health.path("unroutedLabels")).isEmpty();

            MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(model);
            for (String queue : WORDS.keySet()) {
                String subject = "Question about " + WORDS.get(queue).get(0);
                String body = "Hi, " + WORDS.get(queue).get(1) + " and " + WORDS.get(queue).get(3) + ", urgent please.";
                JsonNode result = JSON.readTree(post(http, base.resolve("classify"),
                        JSON.writeValueAsString(Map.of("subject", subject, "description", body))));

                assertThat(result.path("category").asText()).as(result.toString()).isEqualTo(queue);
                assertThat(result.path("team").asText()).as(result.toString()).isEqualTo(TEAMS.get(queue));
                // The model's priority on the team's scale is kept, not replaced by a default.
                String predicted = classifier.classify(subject, body).priority();
                assertThat(result.path("priority").asText()).isEqualTo(predicted);
                assertThat(codes(result)).contains("priority_model").doesNotContain("priority_default");
            }
            JsonNode clientPriority = JSON.readTree(post(http, base.resolve("classify"), JSON.writeValueAsString(Map.of(
                    "subject", "Parcel missing", "description", "The courier lost my parcel", "priority", "p1"))));
            assertThat(clientPriority.path("priority").asText()).isEqualTo("P1");
            assertThat(clientPriority.path("queue").asText()).isEqualTo("logistics-urgent");

            String refused = post(http, base.resolve("classify"), JSON.writeValueAsString(Map.of(
                    "subject", "Parcel missing", "description", "Lost", "priority", "Critical")));
            assertThat(JSON.readTree(refused).path("error").asText()).isEqualTo("invalid_priority");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Path writeExport(Path file) throws IOException {
        Random random = new Random(11);
        List<String> queues = List.copyOf(new java.util.TreeSet<>(WORDS.keySet()));
        List<String> priorities = List.of("P1", "P2", "P3");
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader("Subject", "Body", "Queue", "Urgency").get())) {
            for (int i = 0; i < 480; i++) {
                String queue = queues.get(i % queues.size());
                String priority = priorities.get(random.nextInt(priorities.size()));
                List<String> words = WORDS.get(queue);
                List<String> urgency = URGENCY.get(priority);
                String subject = words.get(random.nextInt(words.size())) + " question " + i;
                String body = "Hello, about the " + words.get(random.nextInt(words.size())) + ": "
                        + words.get(random.nextInt(words.size())) + ", " + urgency.get(random.nextInt(urgency.size()))
                        + ". Order " + (1000 + random.nextInt(9000)) + ".";
                csv.printRecord(subject, body, queue, priority);
            }
        }
        return file;
    }

    private static Path writePolicy(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("priorities.csv"), """
                priority,first_response,default
                P3,P3D,
                P2,P1D,yes
                P1,PT2H,
                """);
        StringBuilder routing = new StringBuilder("category,priority,team,queue,first_response\n");
        for (Map.Entry<String, String> team : new java.util.TreeMap<>(TEAMS).entrySet()) {
            String queue = team.getValue().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            routing.append(team.getKey()).append(",P1,").append(team.getValue()).append(',').append(queue).append("-urgent,PT2H\n");
            routing.append(team.getKey()).append(",*,").append(team.getValue()).append(',').append(queue).append(",P1D\n");
        }
        Files.writeString(folder.resolve("routing.csv"), routing);
        Files.writeString(folder.resolve("keywords.csv"), "category,phrases\nShipping,parcel | courier\n");
        Files.writeString(folder.resolve("escalation.csv"), "cue,phrases,requires,priority,team,queue,first_response\n"
                + "outage,site is down | outage,,P1,,,\n");
        Files.writeString(folder.resolve("review.csv"), "team,queue,first_response\nDispatch,dispatch,PT4H\n");
        return folder;
    }

    private Process jar(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(false)
                .redirectError(dir.resolve("stderr-" + args[0] + ".txt").toFile()).start();
    }

    /** The URL `serve` prints on its first line of standard output once it listens. */
    private URI serverUrl(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("serve's first line; its stderr: %s", stderr("serve")).isNotNull();
        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
        assertThat(url.find()).as(line).isTrue();
        return URI.create(url.group(1));
    }

    private String stderr(String command) throws IOException {
        Path file = dir.resolve("stderr-" + command + ".txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static List<String> codes(JsonNode result) {
        List<String> codes = new ArrayList<>();
        result.path("reasonCodes").forEach(reason -> codes.add(reason.path("code").asText()));
        return codes;
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(HttpClient http, URI uri, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
