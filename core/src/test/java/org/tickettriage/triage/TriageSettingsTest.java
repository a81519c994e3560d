package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.triage.TriageSettings.LogFormat;
import org.tickettriage.triage.TriageSettings.LogLevel;
import org.tickettriage.triage.TriageSettings.MetricsOutput;

/** One set of rules for every variable: blank is unset, values are trimmed, an invalid value names its variable. */
class TriageSettingsTest {

    @Test
    void anEmptyEnvironmentGivesEveryDefaultAndNoProblem() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of());

        assertThat(settings.modelDir()).isEmpty();
        assertThat(settings.reviewThreshold()).isEmpty();
        assertThat(settings.routing()).isEmpty();
        assertThat(settings.routingVersion()).isEmpty();
        assertThat(settings.s3PathStyle()).isFalse();
        assertThat(settings.metrics()).isEqualTo(MetricsOutput.STDOUT);
        assertThat(settings.metricsNamespace()).isEqualTo("TicketTriage");
        assertThat(settings.metricsService()).isEqualTo("ticket-triage");
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(settings.zendesk().url()).isEmpty();
        assertThat(settings.zendesk().replayWindow()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(settings.github().apiUrl()).isEqualTo(java.net.URI.create("https://api.github.com"));
        assertThat(settings.github().repositories()).isEmpty();
        assertThat(settings.github().labelPrefix()).isEqualTo("triage:");
        assertThat(settings.github().comment()).isFalse();
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.requireValid()).isSameAs(settings);
    }

    @Test
    void connectorSettingsAreTypedAndTheirSecretsNeverShown() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                "TRIAGE_ZENDESK_URL", "https://example.zendesk.com", "TRIAGE_ZENDESK_EMAIL", "triage@example.com",
                "TRIAGE_ZENDESK_API_TOKEN", "zd-token-123", "TRIAGE_ZENDESK_WEBHOOK_SECRET", "zd-signing-456",
                "TRIAGE_ZENDESK_ACCOUNT_ID", "12514403", "TRIAGE_ZENDESK_REPLAY_WINDOW", "PT2M",
                "TRIAGE_GITHUB_API_URL", "https://github.example.com/api/v3", "TRIAGE_GITHUB_TOKEN", "ghp_789",
                "TRIAGE_GITHUB_WEBHOOK_SECRET", "gh-hook-000", "TRIAGE_GITHUB_REPOSITORIES", "octo-org/app, Octo-Org/*"));

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.zendesk().url()).contains(java.net.URI.create("https://example.zendesk.com"));
        assertThat(settings.zendesk().apiToken().orElseThrow().reveal()).isEqualTo("zd-token-123");
        assertThat(settings.zendesk().accountId()).contains("12514403");
        assertThat(settings.zendesk().replayWindow()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(settings.github().apiUrl()).hasToString("https://github.example.com/api/v3");
        assertThat(settings.github().repositories()).containsExactly("octo-org/app", "Octo-Org/*");
        assertThat(settings.toString()).doesNotContain("zd-token-123", "zd-signing-456", "ghp_789", "gh-hook-000")
                .contains("[redacted]");
    }

    @Test
    void aConnectorSettingThatWouldSendCredentialsAstrayStopsTheStart() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                "TRIAGE_ZENDESK_URL", "ftp://example.zendesk.com", "TRIAGE_ZENDESK_EMAIL", "Triage <t@example.com>",
                "TRIAGE_ZENDESK_ACCOUNT_ID", "acme", "TRIAGE_GITHUB_API_URL", "https://user:pw@api.github.com",
                "TRIAGE_GITHUB_REPOSITORIES", "octo-org/app,../etc", "TRIAGE_GITHUB_COMMENT", "yes",
                "TRIAGE_ZENDESK_REPLAY_WINDOW", "P1D", "TRIAGE_ZENDESK_API_TOKEN", "zd-token-123"));

        assertThat(settings.problems()).filteredOn(TriageSettings.Problem::stopsStart).extracting(TriageSettings.Problem::variable)
                .containsExactlyInAnyOrder("TRIAGE_ZENDESK_URL", "TRIAGE_ZENDESK_EMAIL", "TRIAGE_ZENDESK_ACCOUNT_ID",
                        "TRIAGE_GITHUB_API_URL", "TRIAGE_GITHUB_REPOSITORIES", "TRIAGE_GITHUB_COMMENT");
        assertThat(settings.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .startsWith("TRIAGE_ZENDESK_REPLAY_WINDOW=P1D is not an ISO-8601 duration above zero and at most PT1H; PT5M applies"));
        assertThat(settings.zendesk().replayWindow()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(settings.problems().toString()).doesNotContain("zd-token-123");
    }

    @Test
    void valuesAreTrimmedAndTyped() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                "TRIAGE_MODEL_DIR", " /opt/model ", "TRIAGE_REVIEW_THRESHOLD", "0.35", "TRIAGE_ROUTING", "s3://b/p/ ",
                "TRIAGE_ROUTING_VERSION", "v7", "TRIAGE_S3_PATH_STYLE", "TRUE", "TRIAGE_METRICS", "Off",
                "TRIAGE_METRICS_NAMESPACE", "Support", "TRIAGE_SERVICE", "stack-1", "AWS_LAMBDA_LOG_FORMAT", "JSON",
                "AWS_LAMBDA_LOG_LEVEL", "warn"));

        assertThat(settings.modelDir()).contains(Path.of("/opt/model"));
        assertThat(settings.reviewThreshold()).hasValue(0.35);
        assertThat(settings.routing()).contains("s3://b/p/");
        assertThat(settings.routingVersion()).contains("v7");
        assertThat(settings.s3PathStyle()).isTrue();
        assertThat(settings.metrics()).isEqualTo(MetricsOutput.OFF);
        assertThat(settings.metricsNamespace()).isEqualTo("Support");
        assertThat(settings.metricsService()).isEqualTo("stack-1");
        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aBlankValueCountsAsUnsetForEveryVariable() {
        Map<String, String> blank = new HashMap<>();
        TriageSettings.VARIABLES.forEach(name -> blank.put(name, "  "));

        assertThat(TriageSettings.fromEnvironment(blank)).isEqualTo(TriageSettings.fromEnvironment(Map.of()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            TRIAGE_REVIEW_THRESHOLD | 1.5     | TRIAGE_REVIEW_THRESHOLD=1.5 is not a number in [0, 1]; the model card's threshold applies
            TRIAGE_REVIEW_THRESHOLD | high    | TRIAGE_REVIEW_THRESHOLD=high is not a number in [0, 1]
            TRIAGE_REVIEW_THRESHOLD | NaN     | TRIAGE_REVIEW_THRESHOLD=NaN is not a number in [0, 1]
            TRIAGE_METRICS          | console | TRIAGE_METRICS=console is not one of stdout, stderr, off; stdout applies
            AWS_LAMBDA_LOG_FORMAT   | XML     | AWS_LAMBDA_LOG_FORMAT=XML is not one of text, json; text applies
            AWS_LAMBDA_LOG_LEVEL    | LOUD    | AWS_LAMBDA_LOG_LEVEL=LOUD is not one of trace, debug, info, warn, error, fatal; info applies
            """)
    void anInvalidValueWithASafeDefaultIsAWarningNamingTheVariable(String name, String value, String message) {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(name, value));

        assertThat(settings.warnings()).singleElement().satisfies(problem -> {
            assertThat(problem.variable()).isEqualTo(name);
            assertThat(problem.message()).startsWith(message);
            assertThat(problem.stopsStart()).isFalse();
        });
        assertThat(settings.requireValid()).as("the start goes on").isSameAs(settings);
        assertThat(settings).as("the default applies").usingRecursiveComparison().ignoringFields("problems")
                .isEqualTo(TriageSettings.fromEnvironment(Map.of()));
    }

    @Test
    void aMisspeltSwitchStopsTheStartListingEveryInvalidVariable() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                "TRIAGE_S3_PATH_STYLE", "yes", "TRIAGE_MODEL_DIR", "/opt/\0model", "TRIAGE_METRICS", "console"));

        assertThat(settings.problems()).extracting(TriageSettings.Problem::variable)
                .containsExactly("TRIAGE_MODEL_DIR", "TRIAGE_S3_PATH_STYLE", "TRIAGE_METRICS");
        assertThatThrownBy(settings::requireValid)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("TRIAGE_S3_PATH_STYLE=yes is neither true nor false")
                .hasMessageContaining("TRIAGE_MODEL_DIR=")
                .hasMessageNotContaining("TRIAGE_METRICS")
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).hasSize(2));
    }

    @Test
    void commandLineOptionsReplaceTheEnvironmentsValuesOnly() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of("TRIAGE_MODEL_DIR", "/opt/model",
                "TRIAGE_REVIEW_THRESHOLD", "0.4", "TRIAGE_ROUTING", "/opt/policy"));

        TriageSettings overridden = settings.withRouting("my-policy");

        assertThat(overridden.routing()).contains("my-policy");
        assertThat(overridden.modelDir()).contains(Path.of("/opt/model"));
        assertThat(overridden.reviewThreshold()).hasValue(0.4);
        assertThat(settings.withModelDir(Path.of("m")).modelDir()).contains(Path.of("m"));
        assertThat(settings.withRouting(" ").routing()).as("blank: the bundled policy").isEmpty();
    }

    @Test
    void theProcessReadsASystemPropertyWhereTheEnvironmentLeavesAVariableUnset() {
        String name = TriageSettings.ROUTING_VERSION;
        assumeTrue(System.getenv(name) == null || System.getenv(name).isBlank(), name + " is set in this environment");
        System.setProperty(name, "from-a-template");
        try {
            assertThat(TriageSettings.processEnvironment()).containsEntry(name, "from-a-template");
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void theOperationsGuideListsExactlyTheVariablesReadHereInTheirOrder() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "OPERATIONS.md"));
        String section = guide.substring(guide.indexOf("\n## Configuration\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9_]+)` \\|").matcher(section.substring(0, section.indexOf("\n\n", section.indexOf("| variable"))));
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).containsExactlyElementsOf(TriageSettings.VARIABLES);
    }
}
