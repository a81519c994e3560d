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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which function {@code invoke} runs when none is named: the one behind the HTTP API, whether SAM events
 * declare its routes or explicit {@code AWS::ApiGatewayV2::*} resources do.
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
    void projectTemplateServesTheApiFromClassifyFunctionOnly() {
        SamTemplate template = SamTemplate.read(Path.of("../template.yaml"));

        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId)
                .containsExactly("ClassifyFunction", "EmailIngestFunction");
        assertThat(template.functions()).filteredOn(SamTemplate.Function::http)
                .extracting(SamTemplate.Function::logicalId).containsExactly("ClassifyFunction");
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), text);
    }
}
