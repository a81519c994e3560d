package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code template.yaml} passes the template linter ({@code web-tests/lint-template.mjs}, which checks it
 * against AWS's resource specification) and Debian's yamllint, and deliberately broken copies do not.
 */
class TemplateLintTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path TEMPLATE = NodeTools.ROOT.resolve("template.yaml");

    @BeforeAll
    static void toolsInstalled() {
        NodeTools.requireModule("@aws-cdk/aws-service-spec");
        NodeTools.requireModule("yaml");
    }

    @Test
    void projectTemplateIsValid() throws Exception {
        NodeTools.Result result = NodeTools.node(TIMEOUT, "web-tests/lint-template.mjs", TEMPLATE.toString());

        assertThat(result.exitCode()).as(result.both()).isZero();
        assertThat(result.stdout()).contains("valid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown function property | Handler: org.tickettriage      | Handlr: org.tickettriage          | ClassifyFunction.Properties.Handlr: unknown property",
            "SnapStart value not allowed | ApplyOn: PublishedVersions   | ApplyOn: Always                   | SnapStart.ApplyOn: \"Always\" is not one of",
            "runtime of the wrong type | Runtime: java21                | Runtime: [java21]                 | Globals.Function.Runtime: expected a string",
            "memory that is not a number | MemorySize: 1024             | MemorySize: lots                  | MemorySize: expected a number",
            "reference to nothing      | ApiId: !Ref TriageApi          | ApiId: !Ref TriageAPI             | Ref to unknown TriageAPI",
            "unknown resource type     | Type: AWS::Serverless::HttpApi | Type: AWS::Serverless::HttpAPI    | unknown resource type AWS::Serverless::HttpAPI",
            "unknown event property    | Method: GET                    | Verb: GET                         | Properties.Verb: unknown property",
            "parameter default not allowed | Default: INFO              | Default: CHATTY                   | Parameters.LogLevel.Default: is not one of AllowedValues",
    })
    void brokenTemplateIsRejected(String what, String original, String broken, String expectedProblem, @TempDir Path dir)
            throws Exception {
        String text = Files.readString(TEMPLATE);
        assertThat(text).as("the template still contains what this case breaks").contains(original);
        Path copy = Files.writeString(dir.resolve("template.yaml"), text.replace(original, broken));

        NodeTools.Result result = NodeTools.node(TIMEOUT, "web-tests/lint-template.mjs", copy.toString());

        assertThat(result.exitCode()).as(what + ": " + result.both()).isEqualTo(1);
        assertThat(result.stderr()).contains(expectedProblem);
    }

    @Test
    void projectTemplatePassesYamllint() throws Exception {
        NodeTools.Result result = yamllint(TEMPLATE);

        assertThat(result.exitCode()).as(result.both()).isZero();
    }

    @Test
    void yamllintRejectsBadIndentation(@TempDir Path dir) throws Exception {
        String text = Files.readString(TEMPLATE).replace("    Timeout: 10\n", "     Timeout: 10\n");
        assertThat(text).isNotEqualTo(Files.readString(TEMPLATE));
        Path copy = Files.writeString(dir.resolve("template.yaml"), text);

        NodeTools.Result result = yamllint(copy);

        assertThat(result.exitCode()).as(result.both()).isNotZero();
        assertThat(result.stdout()).contains("error");
    }

    private static NodeTools.Result yamllint(Path template) throws IOException, InterruptedException {
        return NodeTools.run(TIMEOUT, "yamllint is not installed: run .ci/install-test-tools (Debian package yamllint).",
                "yamllint", "--strict", "--format", "parsable", "-c", ".yamllint.yaml", template.toString());
    }

    @Test
    void duplicateKeysAreRejected(@TempDir Path dir) throws IOException, InterruptedException {
        String text = Files.readString(TEMPLATE).replace("    Timeout: 10\n", "    Timeout: 10\n    Timeout: 20\n");
        Path copy = Files.writeString(dir.resolve("template.yaml"), text);

        NodeTools.Result result = NodeTools.node(TIMEOUT, "web-tests/lint-template.mjs", copy.toString());

        assertThat(result.exitCode()).as(result.both()).isEqualTo(1);
        assertThat(result.stderr()).contains("YAML");
    }
}
