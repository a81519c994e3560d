package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.triage.InvalidSettingsException;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.TriageSettings;

/**
 * {@code TRIAGE_ROUTING} as Lambda's init reads it, in a fresh JVM: a policy with errors stops the handler's start with
 * the policy's own exception, whose message lists every error with its file and line (what Lambda reports as the init
 * error), every time it is tried; a good policy starts the handler. So do the settings: an invalid value either stops
 * the start naming its variable, or is a warning and its default applies.
 */
class RoutingPolicyStartTest {

    @Test
    void aBrokenPolicyStopsTheHandlersStartWithEveryErrorAndItsLine(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "Bug Report,Urgent,Engineering,engineering,PT4H\n*,*,Support,support,soon\n");

        FreshJvm.Result result = FreshJvm.run(InitFailureProbe.class,
                List.of("-D" + TriageSettings.ROUTING + "=" + folder));

        assertThat(result.exitCode()).as(result.both()).isZero();
        assertThat(result.stdout())
                .contains("attempt 1: " + RoutingPolicyException.class.getName())
                .contains("attempt 2: " + RoutingPolicyException.class.getName())
                .contains("the routing policy " + folder + " has 2 errors")
                .contains("routing.csv:2: error: unknown priority 'Urgent'")
                .contains("routing.csv:3: error: first_response 'soon'")
                .doesNotContain("started");
    }

    @Test
    void aGoodPolicyStartsTheHandler(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "*,*,Support,support,P1D\n");

        FreshJvm.Result result = FreshJvm.run(InitFailureProbe.class,
                List.of("-D" + TriageSettings.ROUTING + "=" + folder, "-D" + TriageSettings.ROUTING_VERSION + "=v7"));

        assertThat(result.stdout()).as(result.both()).contains("attempt 1: started", "attempt 2: started");
        assertThat(result.both()).contains("Routing policy " + folder + " (version v7)");
    }
    @Test
    void anInvalidSettingStopsTheHandlersStartNamingTheVariable() throws Exception {
        FreshJvm.Result result = FreshJvm.run(InitFailureProbe.class,
                List.of("-D" + TriageSettings.S3_PATH_STYLE + "=yes", "-D" + TriageSettings.METRICS + "=console"));

        assertThat(result.exitCode()).as(result.both()).isZero();
        assertThat(result.stdout())
                .contains("attempt 1: " + InvalidSettingsException.class.getName())
                .contains("attempt 2: " + InvalidSettingsException.class.getName())
                .contains("TRIAGE_S3_PATH_STYLE=yes is neither true nor false")
                .doesNotContain("TRIAGE_METRICS")
                .doesNotContain("started");
    }

    @Test
    void anInvalidSettingWithASafeDefaultIsAWarningAtStartUp() throws Exception {
        FreshJvm.Result result = FreshJvm.run(InitFailureProbe.class,
                List.of("-D" + TriageSettings.REVIEW_THRESHOLD + "=1.5"));

        assertThat(result.stdout()).as(result.both()).contains("attempt 1: started");
        assertThat(result.stderr()).contains("WARN").contains("TRIAGE_REVIEW_THRESHOLD=1.5 is not a number in [0, 1]");
    }
}
