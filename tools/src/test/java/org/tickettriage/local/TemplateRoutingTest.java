package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.TriageSettings;

/**
 * How {@code template.yaml} hands the routing policy to the functions: both read {@code TRIAGE_ROUTING} and
 * {@code TRIAGE_ROUTING_VERSION} from parameters that default to the bundled policy; a change of either publishes new
 * versions (their description names both, and a version's description cannot change in place); an S3 policy's bucket
 * is readable only when {@code RoutingPolicyBucket} names it.
 */
class TemplateRoutingTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    /** CloudFormation's limit on a Lambda version's description. */
    private static final int MAX_VERSION_DESCRIPTION = 256;

    private static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        template = new YAMLMapper().readTree(TEMPLATE.toFile());
    }

    @Test
    void bothFunctionsReadThePolicyAndItsVersionFromParametersThatDefaultToTheBundledPolicy() {
        for (SamTemplate.Function function : SamTemplate.read(TEMPLATE).functions()) {
            assertThat(function.environment()).as(function.logicalId())
                    .containsEntry(TriageSettings.ROUTING, "")
                    .containsEntry(TriageSettings.ROUTING_VERSION, "");
        }
        for (String parameter : List.of("RoutingPolicy", "RoutingPolicyVersion", "RoutingPolicyBucket")) {
            assertThat(template.path("Parameters").path(parameter).path("Default").asText("missing")).as(parameter).isEmpty();
        }
    }

    @Test
    void aChangedPolicyVersionOrThresholdPublishesNewVersionsWhoseDescriptionFitsCloudFormationsLimit() {
        int longest = "routing ".length() + template.path("Parameters").path("RoutingPolicy").path("MaxLength").asInt(10_000)
                + " ".length() + template.path("Parameters").path("RoutingPolicyVersion").path("MaxLength").asInt(10_000)
                + " threshold ".length() + template.path("Parameters").path("ReviewThreshold").path("MaxLength").asInt(10_000);

        for (String function : functions()) {
            String description = template.path("Resources").path(function).path("Properties").path("VersionDescription").asText();
            assertThat(description).as(function).isEqualTo("routing ${RoutingPolicy} ${RoutingPolicyVersion} threshold ${ReviewThreshold}");
        }
        assertThat(longest).isLessThanOrEqualTo(MAX_VERSION_DESCRIPTION);
    }

    @Test
    void thePolicyBucketIsReadableOnlyWhenNamed() {
        assertThat(template.path("Conditions").path("HasRoutingPolicyBucket").toString()).contains("RoutingPolicyBucket");
        for (String function : functions()) {
            JsonNode conditional = template.path("Resources").path(function).path("Properties").path("Policies").get(0);
            assertThat(conditional.get(0).asText()).as(function).isEqualTo("HasRoutingPolicyBucket");
            List<String> grants = new ArrayList<>();
            conditional.get(1).path("Statement").forEach(statement ->
                    grants.add(statement.path("Action").asText() + " on " + statement.path("Resource").asText()));
            assertThat(grants).as(function).containsExactlyInAnyOrder(
                    "s3:GetObject on arn:${AWS::Partition}:s3:::${RoutingPolicyBucket}/*",
                    "s3:ListBucket on arn:${AWS::Partition}:s3:::${RoutingPolicyBucket}");
            assertThat(conditional.get(2).asText()).as(function).isEqualTo("AWS::NoValue");
        }
    }

    private static List<String> functions() {
        return SamTemplate.read(TEMPLATE).functions().stream().map(SamTemplate.Function::logicalId).toList();
    }
}
