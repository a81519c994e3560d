package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.s3.S3Clients;
import org.tickettriage.s3.S3PolicyFiles;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.TriageServices;
import org.tickettriage.triage.TriageSettings;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A routing policy in S3 ({@code TRIAGE_ROUTING=s3://...}) against a real S3-compatible server on localhost: a routing
 * table alone, a policy folder under a prefix (absent files from the bundled default), and each way it can be wrong.
 */
class S3RoutingPolicyTest {

    private static final String BUCKET = "ticket-triage-policy-example";
    private static final String TABLE = PolicyFolders.ROUTING_HEADER
            + "Bug Report,*,Crash Squad,crashes,PT2H\n*,*,Support,support,P1D\n";

    private static S3Server server;
    private static S3Client client;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
        client = server.client();
        put("tables/team-routing.csv", TABLE);
        put("tables/broken.csv", PolicyFolders.ROUTING_HEADER + "*,*,Support,support,P1D\nBug Report,Urgent,A,a,PT1H\n");
        put("policy/v7/routing.csv", PolicyFolders.ROUTING_HEADER + "*,*,Support,support,P1D\n");
        put("policy/v7/priorities.csv", "priority,first_response,default\nlow,P3D,yes\nhigh,PT4H,\n");
        put("policy/v7/escalation.csv", "cue,phrases,requires,priority,team,queue,first_response\n");
        put("policy/v7/routng.csv", "a misspelt name\n");
        put("policy/v7/notes/routing.csv", "not part of the folder: one level down\n");
        put("empty/readme.txt", "no policy here\n");
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private static void put(String key, String text) {
        server.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anObjectIsARoutingTableAloneWithTheBundledDefaultForTheRest() {
        PolicyReader.Result result = PolicyReader.check(S3PolicyFiles.at(client, "s3://" + BUCKET + "/tables/team-routing.csv"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().location()).isEqualTo("s3://" + BUCKET + "/tables/team-routing.csv");
        assertThat(result.policy().table().rows()).extracting(row -> row.team()).containsExactly("Crash Squad", "Support");
        assertThat(result.defaulted()).containsExactlyInAnyOrder("priorities.csv", "keywords.csv", "escalation.csv", "review.csv");
    }

    @Test
    void aPrefixIsAPolicyFolderWhoseAbsentFilesComeFromTheBundledDefault() {
        PolicyReader.Result result = PolicyReader.check(S3PolicyFiles.at(client, "s3://" + BUCKET + "/policy/v7/"));

        assertThat(result.hasErrors()).as(result.problems().toString()).isFalse();
        assertThat(result.policy().priorities().labels()).containsExactly("low", "high");
        assertThat(result.policy().escalations()).isEmpty();
        assertThat(result.defaulted()).containsExactlyInAnyOrder("keywords.csv", "review.csv");
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isFalse();
            assertThat(problem.toString()).startsWith("routng.csv: warning: not part of a routing policy");
        });
    }

    @Test
    void anErrorInAnS3TableIsReportedUnderTheObjectsNameWithItsLine() {
        assertThatThrownBy(() -> PolicyReader.read(S3PolicyFiles.at(client, "s3://" + BUCKET + "/tables/broken.csv")))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("broken.csv:3: error: unknown priority 'Urgent'");
    }

    @Test
    void aMissingObjectOrAnEmptyPrefixOrAMalformedUrlIsRefused() {
        assertThatThrownBy(() -> PolicyReader.read(S3PolicyFiles.at(client, "s3://" + BUCKET + "/tables/nothing.csv")))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("nothing.csv: error: cannot be read: s3://" + BUCKET + "/tables/nothing.csv does not exist");
        assertThatThrownBy(() -> S3PolicyFiles.at(client, "s3://" + BUCKET + "/empty/"))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("no policy file under s3://" + BUCKET + "/empty/");
        assertThatThrownBy(() -> S3PolicyFiles.at(client, "s3://" + BUCKET))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("names no object")
                .hasMessageContaining("s3://bucket/prefix/ (with the trailing slash)");
        assertThatThrownBy(() -> PolicyReader.read(S3PolicyFiles.at(client, "s3://no-such-policy-bucket/routing.csv")))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void anObjectLargerThanThePolicyLimitIsRefusedUnread() {
        server.put(BUCKET, "tables/huge.csv", new byte[PolicyFiles.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> PolicyReader.read(S3PolicyFiles.at(client, "s3://" + BUCKET + "/tables/huge.csv")))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("is larger than " + PolicyFiles.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void theRoutingSettingReadsS3WithTheFunctionsOwnClientSettings() {
        // The SDK reads its endpoint, region and credentials itself (here from system properties); the path style is
        // the function's own setting.
        List<String> properties = List.of("aws.endpointUrlS3", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");
        try {
            System.setProperty("aws.endpointUrlS3", server.endpoint().toString());
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
            TriageSettings settings = TriageSettings.fromEnvironment(Map.of(TriageSettings.S3_PATH_STYLE, "true"));

            RoutingPolicy policy = TriageServices.routingPolicy("s3://" + BUCKET + "/tables/team-routing.csv", settings);

            assertThat(policy.table().rows()).hasSize(2);
            assertThat(TriageServices.checkRoutingPolicy("s3://" + BUCKET + "/policy/v7/", settings).defaulted())
                    .containsExactlyInAnyOrder("keywords.csv", "review.csv");
        } finally {
            properties.forEach(System::clearProperty);
        }
    }
}
