package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.TriageSettings;

/**
 * How {@code template.yaml} hands the routing policy to the functions: all read {@code TRIAGE_ROUTING} and
 * {@code TRIAGE_ROUTING_VERSION} from parameters that default to the bundled policy; a change of either publishes new
 * versions of the functions that triage (their description names both, and a version's description cannot change in
 * place); an S3 policy's bucket is readable only when {@code RoutingPolicyBucket} names it, and only by them.
 */
class TemplateRoutingTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    /** CloudFormation's limit on a Lambda version's description. */
    private static final int MAX_VERSION_DESCRIPTION = 256;

    /** The functions that triage, and so read the routing policy and the threshold. */
    private static final String[] TRIAGING = {"ClassifyFunction", "EmailIngestFunction", "WebhookReceiverFunction"};

    private static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        template = new YAMLMapper().readTree(TEMPLATE.toFile());
    }

    @Test
    void everyFunctionReadsThePolicyAndItsVersionFromParametersThatDefaultToTheBundledPolicy() {
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
        for (String function : TRIAGING) {
            String description = versionDescription(function);
            assertThat(description).as(function)
                    .contains("${RoutingPolicy}", "${RoutingPolicyVersion}", "${ReviewThreshold}");
        }
        for (String function : functions()) {
            assertThat(longest(versionDescription(function))).as(function).isLessThanOrEqualTo(MAX_VERSION_DESCRIPTION);
        }
    }

    @Test
    void theFunctionsThatTriageAreKnownAndTheWriterReadsNoPolicy() {
        assertThat(functions()).containsExactlyInAnyOrder("ClassifyFunction", "EmailIngestFunction", "WebhookReceiverFunction", "WriteBackFunction");
        // The writer only writes what the receiver planned: no threshold or policy, so none publishes a version of it.
        assertThat(versionDescription("WriteBackFunction")).doesNotContain("${RoutingPolicy}", "${ReviewThreshold}");
        assertThat(template.path("Resources").path("WriteBackFunction").path("Properties").path("Policies").toString())
                .doesNotContain("s3:", "RoutingPolicyBucket");
    }

    @Test
    void thePolicyBucketIsReadableOnlyWhenNamed() {
        assertThat(template.path("Conditions").path("HasRoutingPolicyBucket").toString()).contains("RoutingPolicyBucket");
        for (String function : TRIAGING) {
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

    private static String versionDescription(String function) {
        JsonNode description = template.path("Resources").path(function).path("Properties").path("VersionDescription");
        return description.asText();
    }

    /** The description's length with every parameter at its {@code MaxLength}; a parameter without one fails. */
    private static int longest(String description) {
        Matcher parameter = Pattern.compile("\\$\\{([^}]+)}").matcher(description);
        int length = description.length();
        while (parameter.find()) {
            JsonNode maxLength = template.path("Parameters").path(parameter.group(1)).path("MaxLength");
            assertThat(maxLength.isMissingNode()).as(parameter.group(1) + " has a MaxLength").isFalse();
            length += maxLength.asInt() - parameter.group().length();
        }
        return length;
    }

    private static List<String> functions() {
        return SamTemplate.read(TEMPLATE).functions().stream().map(SamTemplate.Function::logicalId).toList();
    }
}
