package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.routing.RoutingPolicyException;

/** Start-up wiring: the routing policy, the rule base (built on its own thread) and the model end up in one service. */
class TriageServicesTest {

    private static final Ticket CRASH = new Ticket("T-1", "The app crashes on export",
            "Every time I export a report to PDF the app crashes with an error.", null, null);
    private static final List<String> BUNDLED_LABELS =
            List.of("Account Management", "Billing Inquiry", "Bug Report", "Feature Request", "Technical Issue");

    @Test
    void servesTheBundledModelWithTheRulesBuiltAlongside() {
        TriageService service = TriageServices.create(Optional.empty(), OptionalDouble.empty());

        assertThat(service.health().modelLoaded()).isTrue();
        assertThat(service.health().modelVersion())
                .isEqualTo(MaxEntTicketClassifier.loadBundled().modelVersion());
        assertThat(service.health().routingPolicy()).isEqualTo("bundled");
        assertThat(service.health().unroutedLabels()).isEmpty();
        TriageResult result = service.triage(CRASH);
        assertThat(result.team()).isNotBlank();
        assertThat(result.reasons()).isNotEmpty();
    }

    @Test
    void degradesToTheRulesBuiltAlongsideWhenTheModelCannotBeLoaded(@TempDir Path emptyModelDir) {
        TriageService service = TriageServices.create(Optional.of(emptyModelDir), OptionalDouble.empty());

        assertThat(service.health().modelLoaded()).isFalse();
        assertThat(service.health().detail()).contains("model not loaded");
        TriageResult result = service.triage(CRASH);
        assertThat(result.decidedBy()).isNotEqualTo("model");
        assertThat(result.team()).isNotBlank();
    }

    @Test
    void routesByThePolicyItIsGiven(@TempDir Path folder) {
        RoutingPolicy policy = TriageServices.routingPolicy(PolicyFolders.routing(folder,
                "Bug Report,*,Crash Squad,crashes,PT2H\n*,*,Everyone Else,everything,P2D\n").toString());

        TriageService service = TriageServices.create(Optional.empty(), OptionalDouble.empty(), policy);
        TriageResult result = service.triage(CRASH);

        assertThat(result.team()).isEqualTo("Crash Squad");
        assertThat(result.queue()).isEqualTo("crashes");
        assertThat(result.firstResponseTarget()).isEqualTo("PT2H");
        assertThat(result.reasonCodes()).contains(new CodedReason("route_table", "Bug Report (routing.csv line 2)"));
        assertThat(service.health().routingPolicy()).isEqualTo(folder.toString());
    }

    @Test
    void routingSettingNamesTheBundledPolicyAFolderOrALoneRoutingCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("team-routing.csv");
        Files.writeString(csv, PolicyFolders.ROUTING_HEADER + "*,*,Support,support,P1D\n");

        assertThat(TriageServices.routingPolicy("")).isSameAs(RoutingPolicy.bundled());
        assertThat(TriageServices.routingPolicy("  ")).isSameAs(RoutingPolicy.bundled());
        RoutingPolicy lone = TriageServices.routingPolicy(csv.toString());
        assertThat(lone.location()).isEqualTo(csv.toString());
        assertThat(lone.table().rows()).singleElement().satisfies(row -> assertThat(row.team()).isEqualTo("Support"));
        assertThat(lone.priorities().labels()).as("the bundled scale").containsExactly("Low", "Medium", "High", "Critical");
    }

    @Test
    void aBrokenPolicyStopsTheStartWithEveryErrorAndItsLine(@TempDir Path folder) {
        PolicyFolders.routing(folder, "Bug Report,Urgent,Engineering,engineering,PT4H\n"
                + "Bug Report,High,Engineering,engineering,four hours\n");

        assertThatThrownBy(() -> TriageServices.routingPolicy(folder.toString()))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("has 2 errors")
                .hasMessageContaining("routing.csv:2: error: unknown priority 'Urgent'")
                .hasMessageContaining("routing.csv:3: error: first_response 'four hours'");
        assertThatThrownBy(() -> TriageServices.routingPolicy(folder.resolve("missing").toString()))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void modelLabelsNoRowRoutesAreListedByHealthAndLoggedAsAWarning(@TempDir Path folder) {
        RoutingPolicy bugsOnly = TriageServices.routingPolicy(PolicyFolders.routing(folder,
                "Bug Report,*,Engineering,engineering,P1D\n").toString());

        TriageService service;
        List<String> lines;
        try (LoggedLines log = LoggedLines.at(Level.INFO)) {
            service = TriageServices.create(Optional.empty(), OptionalDouble.empty(), bugsOnly);
            lines = log.lines();
        }

        List<String> unrouted = BUNDLED_LABELS.stream().filter(label -> !label.equals("Bug Report")).toList();
        assertThat(service.health().unroutedLabels()).containsExactlyInAnyOrderElementsOf(unrouted);
        assertThat(lines).anyMatch(line -> line.startsWith("WARN ") && line.contains("not at every priority")
                && unrouted.stream().allMatch(line::contains));
        assertThat(lines).anyMatch(line -> line.startsWith("INFO ") && line.contains("Routing policy " + folder));
        assertThat(service.triage(new Ticket("T-2", "Refund please", "I was charged twice for my invoice.", null, null))
                .reasonCodes()).extracting(CodedReason::code).contains("unrouted_category");
    }

    @Test
    void policyWarningsAreLoggedAtStartUp(@TempDir Path folder) throws IOException {
        PolicyFolders.routing(folder, "*,*,Support,support,P1D\n");
        Files.writeString(folder.resolve("keyword.csv"), "category,phrases\n");

        List<String> lines;
        try (LoggedLines log = LoggedLines.at(Level.INFO)) {
            TriageServices.create(Optional.empty(), OptionalDouble.empty(), TriageServices.routingPolicy(folder.toString()));
            lines = log.lines();
        }

        assertThat(lines).anyMatch(line -> line.startsWith("WARN ") && line.contains("keyword.csv: warning"));
    }
    @Test
    void aLocationWithASchemeNoInstalledStoreReadsIsRefusedNamingTheScheme() {
        // The core alone has no store: the function registers S3's (S3RoutingPolicyTest reads s3:// through it).
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of());

        assertThatThrownBy(() -> TriageServices.routingPolicy("s3://bucket/routing.csv", settings))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("no policy store reads s3:// locations here");
    }

    @Test
    void theServiceOfSettingsUsesTheirModelThresholdAndPolicy(@TempDir Path folder) {
        PolicyFolders.routing(folder, "*,*,Everyone,everything,P2D\n");
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                TriageSettings.REVIEW_THRESHOLD, "0.9", TriageSettings.ROUTING, folder.toString()));

        TriageService service = TriageServices.create(settings);

        assertThat(service.reviewThreshold()).isEqualTo(0.9);
        assertThat(service.health().routingPolicy()).isEqualTo(folder.toString());
        assertThat(service.health().modelLoaded()).isTrue();
    }

    @Test
    void aThresholdThatIsNoFractionIsLoggedAndTheModelCardsApplies() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(TriageSettings.REVIEW_THRESHOLD, "high"));

        TriageService service;
        List<String> lines;
        try (LoggedLines log = LoggedLines.at(Level.INFO)) {
            service = TriageServices.create(settings);
            lines = log.lines();
        }

        assertThat(service.reviewThreshold()).isEqualTo(MaxEntTicketClassifier.loadBundled().reviewThreshold());
        assertThat(lines).anyMatch(line -> line.startsWith("WARN ") && line.contains("TRIAGE_REVIEW_THRESHOLD=high"));
    }
}
