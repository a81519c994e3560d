package org.tickettriage.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.TriageSettings;

/**
 * The connector functions built as Lambda builds them (no-argument constructor, settings from the environment), each in
 * a fresh JVM, against WireMock standing in for Secrets Manager, DynamoDB, SQS and the helpdesks: the webhook receiver
 * loads no email or S3 class; the write-back writer loads no rules engine or model either (it applies plans, it does
 * not triage); and neither init seeds the retry jitter, which must be made after a SnapStart restore.
 */
class ConnectorHandlerClassLoadingTest {

    private static final String GITHUB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:triage-github-GhIjKl";
    private static final String ZENDESK_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:triage-zendesk-AbCdEf";
    private static final List<String> NOT_FOR_CONNECTORS = List.of("org.apache.james.mime4j.", "org.jsoup.",
            "org.tickettriage.email.", "software.amazon.awssdk.services.s3.");
    private static final List<String> TRIAGE_ONLY = List.of("org.drools.", "org.kie.", "org.tickettriage.model.",
            "org.tickettriage.triage.TriageService");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer aws;
    private static WireMockServer vendor;

    @BeforeAll
    static void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort().extensions(new SqsSendMessageAnswer()));
        aws.start();
        vendor = new WireMockServer(wireMockConfig().dynamicPort());
        vendor.start();
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(GITHUB_SECRET_ARN))
                .willReturn(okJson(JSON.createObjectNode().put("ARN", GITHUB_SECRET_ARN).put("Name", "triage-github")
                        .put("SecretString", JSON.createObjectNode().put(TriageSettings.GITHUB_TOKEN, "github-token-for-tests")
                                .put(TriageSettings.GITHUB_WEBHOOK_SECRET, WebhookEventFilesTest.GITHUB_TEST_SECRET).toString())
                        .toString())));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(ZENDESK_SECRET_ARN))
                .willReturn(okJson(JSON.createObjectNode().put("ARN", ZENDESK_SECRET_ARN).put("Name", "triage-zendesk")
                        .put("SecretString", JSON.createObjectNode().put(TriageSettings.ZENDESK_EMAIL, "triage-bot@example.com")
                                .put(TriageSettings.ZENDESK_API_TOKEN, "zendesk-token-for-tests")
                                .put(TriageSettings.ZENDESK_WEBHOOK_SECRET, WebhookEventFilesTest.ZENDESK_TEST_SECRET).toString())
                        .toString())));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.PutItem")).willReturn(okJson("{}")));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessage"))
                .willReturn(aResponse().withStatus(200).withTransformers(SqsSendMessageAnswer.NAME)));
        vendor.stubFor(put("/api/v2/tickets/4711.json").willReturn(okJson("{\"ticket\":{\"id\":4711}}")));
        vendor.stubFor(post(urlPathMatching("/repos/.*/labels")).willReturn(okJson("[]")));
    }

    @AfterAll
    static void stop() {
        aws.stop();
        vendor.stop();
    }

    @Test
    void theWebhookReceiverLoadsNoEmailOrS3ClassAndSeedsNoJitterAtInit() throws Exception {
        Probe probe = probe("webhook", "-D" + TriageSettings.GITHUB_API_URL + "=" + vendor.baseUrl(),
                "-D" + TriageSettings.GITHUB_SECRET_ARN + "=" + GITHUB_SECRET_ARN);

        assertThat(probe.lines()).contains("probe-jitter-seeded-at-init false", "probe-status 202");
        assertThat(probe.loaded()).contains("org.tickettriage.handler.WebhookHttpHandler",
                "software.amazon.awssdk.services.dynamodb.DynamoDbClient");
        assertThat(probe.loaded()).noneMatch(c -> NOT_FOR_CONNECTORS.stream().anyMatch(c::startsWith));
        aws.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessage")));
    }

    @Test
    void theWriteBackWriterLoadsNeitherRulesEngineNorModelAndSeedsNoJitterAtInit() throws Exception {
        Probe probe = probe("writer", "-D" + TriageSettings.ZENDESK_URL + "=" + vendor.baseUrl(),
                "-D" + TriageSettings.ZENDESK_SECRET_ARN + "=" + ZENDESK_SECRET_ARN);

        assertThat(probe.lines()).contains("probe-jitter-seeded-at-init false", "probe-failures 0");
        assertThat(probe.loaded()).contains("org.tickettriage.handler.WriteBackHandler");
        assertThat(probe.loaded()).noneMatch(c -> NOT_FOR_CONNECTORS.stream().anyMatch(c::startsWith));
        assertThat(probe.loaded()).noneMatch(c -> TRIAGE_ONLY.stream().anyMatch(c::startsWith));
        vendor.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/4711.json")));
    }

    private record Probe(List<String> lines, List<String> loaded) {
    }

    /** Runs {@link ColdPathProbe} in {@code mode} in a fresh JVM with the connector function's settings. */
    private static Probe probe(String mode, String... settings) throws IOException, InterruptedException {
        Path out = Files.createTempFile("class-load", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-verbose:class", "-Daws.region=eu-west-1", "-Daws.accessKeyId=AKIDEXAMPLE",
                    "-Daws.secretAccessKey=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "-Daws.endpointUrl=" + aws.baseUrl(),
                    "-D" + TriageSettings.DELIVERY_TABLE + "=ticket-triage-WebhookDeliveryTable-EXAMPLE",
                    "-D" + TriageSettings.WRITE_BACK_QUEUE_URL + "=https://sqs.eu-west-1.amazonaws.com/123456789012/WriteBackQueue",
                    "-D" + TriageSettings.DEAD_LETTER_QUEUE_URL + "=https://sqs.eu-west-1.amazonaws.com/123456789012/DeadLetters"));
            command.addAll(List.of(settings));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdPathProbe.class.getName(), mode));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TRIAGE_"));
            Process process = builder.start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the probe finishes").isTrue();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<String> output = lines.stream().filter(l -> !l.contains("[class,load]")).toList();
            assertThat(process.exitValue()).as(String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())))
                    .isZero();
            List<String> loaded = lines.stream().filter(l -> l.contains("[class,load]"))
                    .map(l -> l.substring(l.indexOf("[class,load]") + "[class,load]".length()).strip().split(" ")[0])
                    .toList();
            return new Probe(output, loaded);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
