package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.classifier.MalletTicketClassifier;

/** Start-up wiring: the rule base (built on its own thread) and the model end up in one working service. */
class TriageServicesTest {

    private static final Ticket CRASH = new Ticket("T-1", "The app crashes on export",
            "Every time I export a report to PDF the app crashes with an error.", null, null);

    @Test
    void servesTheBundledModelWithTheRulesBuiltAlongside() {
        TriageService service = TriageServices.create(Optional.empty(), OptionalDouble.empty());

        assertThat(service.health().modelLoaded()).isTrue();
        assertThat(service.health().modelVersion())
                .isEqualTo(MalletTicketClassifier.loadBundled().modelVersion());
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
}
