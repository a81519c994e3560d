package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which function {@code invoke} runs when none is named: the one whose route the event's method and path match, or
 * the one behind the HTTP API, whether SAM events declare its routes or explicit {@code AWS::ApiGatewayV2::*}
 * resources do.
 */
class SamTemplateTest {

    private static final String TWO_FUNCTIONS_AND_AN_INTEGRATION = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  ProtocolType: HTTP
              Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: AWS_PROXY
                  IntegrationUri: %s
              WorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: org.tickettriage.local.NoSuchHandler
              HttpFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: org.tickettriage.local.FakeBackedHttpHandler::handleRequest
                  AutoPublishAlias: live
            """;

    @ParameterizedTest(name = "IntegrationUri: {0}")
    @ValueSource(strings = {
            "!Ref HttpFunction.Alias",
            "!Ref HttpFunction",
            "!GetAtt HttpFunction.Arn",
            "{\"Fn::GetAtt\": [HttpFunction, Arn]}",
            "!Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${HttpFunction.Arn}/invocations\"",
            "!If [UseAlias, !Ref HttpFunction.Alias, !GetAtt HttpFunction.Arn]",
    })
    void functionThatAnApiGatewayV2IntegrationTargetsIsTheHttpFunction(String integrationUri, @TempDir Path dir)
            throws IOException {
        SamTemplate template = SamTemplate.read(write(dir, TWO_FUNCTIONS_AND_AN_INTEGRATION.formatted(integrationUri)));

        assertThat(template.function(Optional.empty()).logicalId()).isEqualTo("HttpFunction");
        assertThat(template.functions()).filteredOn(SamTemplate.Function::http)
                .extracting(SamTemplate.Function::logicalId).containsExactly("HttpFunction");
    }

    @Test
    void integrationWithAnotherBackendMakesNoFunctionTheHttpOne(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(write(dir,
                TWO_FUNCTIONS_AND_AN_INTEGRATION.formatted("https://backend.example.com/{proxy}")));

        assertThat(template.functions()).noneMatch(SamTemplate.Function::http);
        assertThatThrownBy(() -> template.function(Optional.empty()))
                .isInstanceOf(LocalCommandException.class)
                .hasMessageContaining("choose one with --function: WorkerFunction, HttpFunction");
    }

    @Test
    void projectTemplateServesTheClassifyRoutesAndTheWebhooksFromTheirOwnFunctions() {
        SamTemplate template = SamTemplate.read(Path.of("../template.yaml"));

        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId).containsExactly(
                "ClassifyFunction", "EmailIngestFunction", "WebhookReceiverFunction", "WriteBackFunction");
        assertThat(template.functions()).filteredOn(SamTemplate.Function::http)
                .extracting(SamTemplate.Function::logicalId).containsExactly("ClassifyFunction", "WebhookReceiverFunction");
        assertThat(template.function(Optional.of("ClassifyFunction"), Optional.empty()).routes())
                .containsExactlyInAnyOrder("POST /classify", "POST /classify/batch", "GET /health", "GET /");
        assertThat(template.function(Optional.of("WebhookReceiverFunction"), Optional.empty()).routes())
                .containsExactlyInAnyOrder("POST /webhooks/zendesk", "POST /webhooks/github");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /classify, ClassifyFunction",
            "POST, /classify/batch, ClassifyFunction",
            "GET, /health, ClassifyFunction",
            "GET, /, ClassifyFunction",
            "POST, /webhooks/zendesk, WebhookReceiverFunction",
            "POST, /webhooks/github, WebhookReceiverFunction",
    })
    void projectTemplateChoosesTheFunctionByTheEventsRoute(String method, String path, String function) {
        SamTemplate template = SamTemplate.read(Path.of("../template.yaml"));

        assertThat(template.function(Optional.empty(), Optional.of(new SamTemplate.Request(method, path))).logicalId())
                .isEqualTo(function);
    }

    @Test
    void projectTemplateAsksForAFunctionWhenNoRouteOrNoEventChoosesOne() {
        SamTemplate template = SamTemplate.read(Path.of("../template.yaml"));

        assertThatThrownBy(() -> template.function(Optional.empty(), Optional.empty()))
                .isInstanceOf(LocalCommandException.class)
                .hasMessageContaining("choose one with --function: ClassifyFunction, EmailIngestFunction,"
                        + " WebhookReceiverFunction, WriteBackFunction");
        assertThatThrownBy(() -> template.function(Optional.empty(), Optional.of(new SamTemplate.Request("GET", "/webhooks/zendesk"))))
                .isInstanceOf(LocalCommandException.class)
                .hasMessageContaining("no single function serves the event's route GET /webhooks/zendesk");
    }

    @Test
    void explicitRoutesComeBeforeTheDefaultRouteAndSamEventsDeclareRoutesToo(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(write(dir, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  HookFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: org.tickettriage.local.NoSuchHandler
                      Events:
                        Hooks:
                          Type: HttpApi
                          Properties:
                            Path: /hooks/{name}
                            Method: post
                  FilesFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: org.tickettriage.local.NoSuchHandler
                      Events:
                        Files:
                          Type: HttpApi
                          Properties:
                            Path: /files/{path+}
                            Method: ANY
                  EverythingElseFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: org.tickettriage.local.NoSuchHandler
                      Events:
                        Rest:
                          Type: HttpApi
                """));

        assertThat(chosen(template, "POST", "/hooks/zendesk")).isEqualTo("HookFunction");
        assertThat(chosen(template, "GET", "/hooks/zendesk")).isEqualTo("EverythingElseFunction");
        assertThat(chosen(template, "POST", "/hooks/zendesk/more")).isEqualTo("EverythingElseFunction");
        assertThat(chosen(template, "DELETE", "/files/a/b.txt")).isEqualTo("FilesFunction");
        assertThat(chosen(template, "GET", "/files/")).isEqualTo("EverythingElseFunction");
        assertThat(chosen(template, "GET", "/")).isEqualTo("EverythingElseFunction");
    }

    private static String chosen(SamTemplate template, String method, String path) {
        return template.function(Optional.empty(), Optional.of(new SamTemplate.Request(method, path))).logicalId();
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), text);
    }
}
