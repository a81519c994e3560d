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
            "unknown resource type     | Type: AWS::ApiGatewayV2::Route | Type: AWS::ApiGatewayV2::Routes   | unknown resource type AWS::ApiGatewayV2::Routes",
            "unknown event property    | Events: s3:ObjectCreated:*     | Eventz: s3:ObjectCreated:*        | Events.EmailStored.Properties.Eventz: unknown property",
            "parameter default not allowed | Default: INFO              | Default: CHATTY                   | Parameters.LogLevel.Default: is not one of AllowedValues",
            // Values the specification leaves free but CloudFormation does not, on both branches of an Fn::If.
            "route authorization not allowed | AuthorizationType: NONE  | AuthorizationType: OPEN           | HealthRoute.Properties.AuthorizationType: \"OPEN\" is not one of",
            "Fn::If branch not allowed | [UseJwt, JWT, AWS_IAM]         | [UseJwt, JWT, IAM]                | ClassifyRoute.Properties.AuthorizationType: \"IAM\" is not one of NONE, AWS_IAM, CUSTOM, JWT (in Fn::If)",
            "integration type not allowed | IntegrationType: AWS_PROXY  | IntegrationType: LAMBDA           | IntegrationType: \"LAMBDA\" is not one of",
            "alarm comparison not allowed | GreaterThanOrEqualToThreshold | GreaterOrEqual                | DegradedModeAlarm.Properties.ComparisonOperator: \"GreaterOrEqual\" is not one of",
            // Conditions and Rules.
            "condition that does not exist | Condition: UseJwt          | Condition: UseJWT                 | Resources.JwtAuthorizer.Condition: unknown condition \"UseJWT\"",
            "Fn::If on no condition    | AuthorizerId: !If [UseJwt,     | AuthorizerId: !If [UsesJwt,       | ClassifyRoute.Properties.AuthorizerId: unknown condition \"UsesJwt\"",
            "rule that reads a resource | [!Ref JwtIssuer, \"\"]        | [!Ref TriageApi, \"\"]           | Rules.JwtNeedsIssuerAndAudience.Assertions[0].Assert.Fn::Not[0].Fn::Equals[0]: a rule can refer to parameters only",
            "rule function not allowed | [!Ref JwtAudience, \"\"]       | [!Sub \"${JwtAudience}\", \"\"] | Assertions[1].Assert.Fn::Not[0].Fn::Equals[0]: Fn::Sub cannot be used in a rule",
            "rule without assertions   | Assertions:                    | Assertion:                        | Rules.JwtNeedsIssuerAndAudience: needs Assertions",
            // Metrics: AWS's must exist with the dimensions named, and the dashboard body must be JSON.
            "metric AWS does not publish | MetricName: ApproximateNumberOfMessagesVisible | MetricName: MessagesVisible | EmailDeadLetterQueueAlarm.Properties.MetricName: AWS/SQS has no metric MessagesVisible",
            "dimension the metric lacks | Name: QueueName               | Name: Queue                       | AWS/SQS ApproximateNumberOfMessagesVisible is not published with dimensions [Queue]",
            "dashboard metric AWS does not publish | \"Duration\",      | \"Durations\",                   | DashboardBody.widgets[11].metrics[0]: AWS/Lambda has no metric Durations",
            "dashboard body not JSON   | \"start\": \"-PT24H\",       | \"start\": \"-PT24H\"            | TriageDashboard.Properties.DashboardBody: is not JSON once substituted",
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

    /**
     * SAM reads an Auth block itself and does not resolve intrinsic functions in it, except in the few values
     * it copies into the resources it generates. A case inserts YAML ({@code \\n} for a line break) after an
     * anchor of the template.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "!If in Globals HttpApi Auth | 'Globals:\\n' | '  HttpApi:\\n    Auth:\\n      DefaultAuthorizer: !If [UseJwt, Jwt, !Ref AWS::NoValue]\\n'"
                    + " | Globals.HttpApi.Auth.DefaultAuthorizer: SAM does not resolve Fn::If under Auth",
            "long-form Fn::Sub in an Api authorizer | 'Resources:\\n'"
                    + " | '  RestApi:\\n    Type: AWS::Serverless::Api\\n    Properties:\\n      StageName: prod\\n      Auth:\\n"
                    + "        Authorizers:\\n          Cognito:\\n            UserPoolArn: !Sub \"arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/x\"\\n            Identity:\\n"
                    + "              Header:\\n                Fn::Sub: \"${AuthMode}-token\"\\n'"
                    + " | Resources.RestApi.Properties.Auth.Authorizers.Cognito.Identity.Header: SAM does not resolve Fn::Sub under Auth",
            "!If as the whole Auth     | 'Resources:\\n'"
                    + " | '  SamApi:\\n    Type: AWS::Serverless::HttpApi\\n    Properties:\\n"
                    + "      Auth: !If [UseJwt, {DefaultAuthorizer: Jwt}, !Ref AWS::NoValue]\\n'"
                    + " | Resources.SamApi.Properties.Auth: SAM does not resolve Fn::If under Auth",
            "!Ref in the Auth of a function event | '      Handler: org.tickettriage.handler.ClassifyHttpHandler::handleRequest\\n'"
                    + " | '      Events:\\n        Classify:\\n          Type: HttpApi\\n          Properties:\\n            Path: /classify\\n"
                    + "            Method: POST\\n            Auth:\\n              Authorizer: !Ref JwtAuthorizer\\n'"
                    + " | ClassifyFunction.Properties.Events.Classify.Properties.Auth.Authorizer: SAM does not resolve Ref under Auth",
    })
    void intrinsicWhereSamReadsAuthIsRejected(String what, String anchor, String inserted, String expectedProblem,
                                              @TempDir Path dir) throws Exception {
        NodeTools.Result result = lintWithInsertion(anchor, inserted, dir);

        assertThat(result.exitCode()).as(what + ": " + result.both()).isEqualTo(1);
        assertThat(result.stderr()).contains(expectedProblem);
    }

    @Test
    void intrinsicsThatSamCopiesIntoTheGeneratedResourcesPass(@TempDir Path dir) throws Exception {
        String api = """
                  SamApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Jwt
                        Authorizers:
                          Jwt:
                            IdentitySource: $request.header.Authorization
                            JwtConfiguration:
                              issuer: !Ref JwtIssuer
                              audience: !Split [",", !Ref JwtAudience]
                          Custom:
                            FunctionArn: !GetAtt ClassifyFunction.Arn
                """;

        NodeTools.Result result = lintWithInsertion("Resources:\\n", api, dir);

        assertThat(result.exitCode()).as(result.both()).isZero();
    }

    private static NodeTools.Result lintWithInsertion(String anchor, String inserted, Path dir)
            throws IOException, InterruptedException {
        String text = Files.readString(TEMPLATE);
        String at = anchor.replace("\\n", "\n");
        assertThat(text).as("the template still contains the anchor").contains(at);
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(at),
                java.util.regex.Matcher.quoteReplacement(at + inserted.replace("\\n", "\n")));
        Path copy = Files.writeString(dir.resolve("template.yaml"), broken);
        return NodeTools.node(TIMEOUT, "web-tests/lint-template.mjs", copy.toString());
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
