package org.tickettriage.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a routing policy can hold is reported with its file and line, and a policy with errors is refused. */
class PolicyReaderTest {

    @TempDir
    Path folder;

    private static final String HEADER = "category,priority,team,queue,first_response\n";

    @Test
    void readsTheBundledPolicyWithoutProblems() {
        PolicyReader.Result result = PolicyReader.check(PolicyFiles.bundled());

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().priorities().labels()).containsExactly("Low", "Medium", "High", "Critical");
        assertThat(result.policy().priorities().defaultPriority()).isEqualTo("Medium");
        assertThat(result.policy().table().rows()).hasSize(24);
        assertThat(result.policy().escalations()).extracting(EscalationCue::name)
                .containsExactly("security incident", "data loss", "data loss in production", "outage", "enterprise customer");
        assertThat(result.policy().escalations().get(2).requires()).containsExactly("data loss");
    }

    @Test
    void readsALoneRoutingCsvWithTheBundledDefaultsForTheRest() throws IOException {
        Path csv = write("queues.csv", HEADER + "Shipping,*,Logistics,logistics,PT8H\n*,*,Support,support,P1D\n");

        PolicyReader.Result result = PolicyReader.check(PolicyFiles.at(csv));

        assertThat(result.problems()).isEmpty();
        assertThat(result.defaulted()).containsExactly("priorities.csv", "keywords.csv", "escalation.csv", "review.csv");
        RouteRow row = result.policy().table().rows().get(0);
        assertThat(row.file()).isEqualTo("queues.csv");
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.firstResponse()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void reportsAnUnknownPriorityWithItsLine() throws IOException {
        List<PolicyProblem> errors = errors(HEADER + "Billing,High,Billing,billing,PT4H\nBilling,Urgent,Billing,billing,PT1H\n");

        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("unknown priority 'Urgent'").contains("Low, Medium, High, Critical");
        });
    }

    @Test
    void reportsABadDurationWithItsLine() throws IOException {
        List<PolicyProblem> errors = errors(HEADER + "# comments and blank lines count as lines\n\nBilling,*,Billing,billing,4 hours\n");

        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("'4 hours' is not an ISO-8601 duration");
        });
    }

    @Test
    void reportsAnUnknownColumnAndSuggestsTheAttributeMeant() throws IOException {
        List<PolicyProblem> errors = errors("category,priority,team,queue,first_response,teir\nBilling,*,Billing,billing,PT4H,gold\n");

        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("unknown column 'teir'").contains("did you mean tier?").contains("set:");
        });
    }

    @Test
    void reportsARowThatAnEarlierRowShadows() throws IOException {
        List<PolicyProblem> errors = errors(HEADER + "Billing,*,Billing,billing,PT4H\n*,*,Support,support,P1D\nBilling,High,Billing,billing-urgent,PT1H\n");

        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("can never match: line 2");
        });
    }

    @Test
    void reportsADuplicateRow() throws IOException {
        List<PolicyProblem> errors = errors("category,priority,team,queue,first_response,tier\n"
                + "Billing,High,Billing,billing,PT4H,enterprise\nBilling,High,Finance,finance,PT4H,ENTERPRISE\n");

        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("duplicate of line 2");
        });
    }

    @Test
    void keepsAMoreSpecificRowBeforeAGeneralOne() throws IOException {
        PolicyReader.Result result = PolicyReader.check(PolicyFiles.at(write("routing.csv",
                "category,priority,team,queue,first_response,language\n"
                        + "Billing,*,Billing DE,billing-de,PT4H,de\nBilling,*,Billing,billing,PT4H,*\n")));

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void reportsEveryErrorOfAFileInOneRun() throws IOException {
        List<PolicyProblem> errors = errors(HEADER + "Billing,Urgent,Billing,billing,PT4H\n,*,,billing,P3X\nA,B\n");

        assertThat(errors).extracting(PolicyProblem::line).containsExactly(2, 3, 3, 3, 4);
    }

    @Test
    void refusesAPolicyWithErrorsListingThemInTheMessage() throws IOException {
        Path csv = write("routing.csv", HEADER + "Billing,Urgent,Billing,billing,PT4H\n");

        assertThatThrownBy(() -> PolicyReader.read(PolicyFiles.at(csv)))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("routing.csv:2: error: unknown priority 'Urgent'");
    }

    @Test
    void readsAPolicyFolderWithItsOwnPriorityScale() throws IOException {
        write("priorities.csv", "priority,first_response,default\nlow,P3D,\nmedium,P1D,yes\nhigh,PT4H,\n");
        write("routing.csv", HEADER + "Billing and Payments,high,Billing,billing-urgent,PT2H\n*,*,Support,support,P1D\n");
        write("escalation.csv", "cue,phrases,requires,priority,team,queue,first_response\noutage,outage | down,,high,,,\n");
        write("keywords.csv", "category,phrases\n");

        PolicyReader.Result result = PolicyReader.check(PolicyFiles.at(folder));

        assertThat(result.problems()).isEmpty();
        assertThat(result.defaulted()).containsExactly("review.csv");
        assertThat(result.policy().priorities().canonical("HIGH")).hasValue("high");
        assertThat(result.policy().table().rows().get(0).priority()).isEqualTo("high");
        assertThat(result.policy().keywords()).isEmpty();
    }

    @Test
    void reportsABundledDefaultThatDoesNotFitTheTeamsScale() throws IOException {
        write("priorities.csv", "priority,first_response,default\nP3,P3D,yes\nP2,P1D,\nP1,PT4H,\n");
        write("routing.csv", HEADER + "*,*,Support,support,P1D\n");

        List<PolicyProblem> errors = PolicyReader.check(PolicyFiles.at(folder)).problems().stream()
                .filter(PolicyProblem::isError).toList();

        assertThat(errors).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("escalation.csv (bundled default)");
            assertThat(p.message()).contains("unknown priority");
        });
    }

    @Test
    void reportsPriorityScaleMistakes() throws IOException {
        write("priorities.csv", "priority,first_response,default\nlow,P3D,yes\nLOW,P1D,\nhigh,soon,yes\n");
        write("routing.csv", HEADER + "*,*,Support,support,P1D\n");

        List<PolicyProblem> errors = PolicyReader.check(PolicyFiles.at(folder)).problems().stream()
                .filter(p -> p.file().equals("priorities.csv")).toList();

        assertThat(errors).extracting(PolicyProblem::line).containsExactly(3, 4, 4);
        assertThat(errors.get(0).message()).contains("duplicate of line 2");
        assertThat(errors.get(2).message()).contains("second default");
    }

    @Test
    void reportsEscalationMistakes() throws IOException {
        write("routing.csv", HEADER + "*,*,Support,support,P1D\n");
        write("escalation.csv", "cue,phrases,requires,priority,team,queue,first_response\n"
                + "a,alpha,b,High,,,\n"           // line 2: requires b, which requires a: a cycle
                + "b,beta,a,High,,,\n"            // line 3
                + "c,gamma,nope,High,,,\n"        // line 4: unknown required cue
                + "d,delta,,High,Security,,\n"    // line 5: team without queue
                + "e,,,High,,,\n"                 // line 6: no condition
                + "f,x || y,,High,,,\n"           // line 7: empty phrase
                + "F,zeta,,High,,,\n");           // line 8: duplicate name (case-insensitive)

        List<PolicyProblem> errors = PolicyReader.check(PolicyFiles.at(folder)).problems().stream()
                .filter(PolicyProblem::isError).toList();

        assertThat(errors).extracting(PolicyProblem::line).contains(2, 3, 4, 5, 6, 7, 8);
        assertThat(errors).anySatisfy(p -> assertThat(p.message()).contains("requires itself"));
        assertThat(errors).anySatisfy(p -> assertThat(p.message()).contains("requires 'nope'"));
        assertThat(errors).anySatisfy(p -> assertThat(p.message()).contains("team and queue go together"));
        assertThat(errors).anySatisfy(p -> assertThat(p.message()).contains("would escalate every ticket"));
    }

    @Test
    void warnsAboutAMisspeltFileInAPolicyFolder() throws IOException {
        write("routing.csv", HEADER + "*,*,Support,support,P1D\n");
        write("escalations.csv", "cue,phrases\n");

        PolicyReader.Result result = PolicyReader.check(PolicyFiles.at(folder));

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(PolicyProblem.Severity.WARNING);
            assertThat(p.message()).contains("did you mean escalation.csv?");
        });
    }

    @Test
    void refusesAFileThatIsNotUtf8OrNotCsv() throws IOException {
        Files.write(folder.resolve("routing.csv"), new byte[] {'c', 'a', 't', (byte) 0xff, '\n'});
        assertThat(PolicyReader.check(PolicyFiles.at(folder)).problems())
                .anySatisfy(p -> assertThat(p.message()).contains("not UTF-8"));

        write("routing.csv", HEADER + "\"Billing,*,Billing,billing,PT4H\n");
        assertThat(PolicyReader.check(PolicyFiles.at(folder)).problems())
                .anySatisfy(p -> assertThat(p.message()).contains("not valid CSV"));
    }

    @Test
    void refusesAPathThatDoesNotExist() {
        assertThatThrownBy(() -> PolicyFiles.at(folder.resolve("nowhere")))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void refusesAFolderThatHoldsNoPolicyFile() throws IOException {
        write("notes.txt", "not a policy");

        assertThatThrownBy(() -> PolicyFiles.at(folder))
                .isInstanceOf(RoutingPolicyException.class)
                .hasMessageContaining("not a routing policy folder");
    }

    @Test
    void keepsOutputColumnsApartFromConditions() throws IOException {
        Path csv = write("routing.csv", "category,priority,team,queue,first_response,tier,set:priority_floor,set:zendesk_group_id\n"
                + "*,*,Success,success,PT4H,enterprise,High,360001\n*,*,Support,support,P1D,*,,\n");

        RoutingPolicy policy = PolicyReader.read(PolicyFiles.at(csv));

        RouteRow enterprise = policy.table().rows().get(0);
        assertThat(enterprise.priorityFloor()).isEqualTo("High");
        assertThat(enterprise.outputs()).containsExactly(java.util.Map.entry("zendesk_group_id", "360001"));
        assertThat(enterprise.conditions().required()).containsExactly(java.util.Map.entry("tier", "enterprise"));
        assertThat(policy.table().rows().get(1).outputs()).isEmpty();
    }

    private List<PolicyProblem> errors(String routingCsv) throws IOException {
        Path csv = write("routing.csv", routingCsv);
        return PolicyReader.check(PolicyFiles.at(csv)).problems().stream().filter(PolicyProblem::isError).toList();
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
