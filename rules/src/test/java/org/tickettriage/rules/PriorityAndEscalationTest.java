package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityAndEscalationTest {

    private static DroolsRouter router;

    @BeforeAll
    static void buildRouter() {
        router = DroolsRouter.create();
    }

    private static RoutingRequest request(String text, String modelPriority, String clientPriority) {
        return new RoutingRequest("t-3", "", text, "Technical Issue", 0.9, modelPriority, clientPriority,
                Tickets.THRESHOLD);
    }

    @Test
    void keepsTheClientPriorityOverTheModels() {
        RoutingDecision decision = router.route(request("Sync takes ages.", "High", "Low"));

        assertThat(decision.priority()).isEqualTo("Low");
        assertThat(decision.escalated()).isFalse();
        assertThat(decision.reasons()).contains("Priority: client supplied").doesNotContain("Priority: model prediction");
    }

    @Test
    void usesTheModelPriorityWhenTheClientGaveNone() {
        RoutingDecision decision = router.route(request("Sync takes ages.", "High", null));

        assertThat(decision.priority()).isEqualTo("High");
        assertThat(decision.reasons()).contains("Priority: model prediction");
    }

    @Test
    void defaultsToMediumWithNeitherClientNorModelPriority() {
        RoutingDecision decision = router.route(request("Sync takes ages.", null, null));

        assertThat(decision.priority()).isEqualTo("Medium");
        assertThat(decision.reasons()).contains("Default priority");
    }

    @Test
    void ignoresAPriorityOutsideTheScale() {
        RoutingDecision decision = router.route(request("Sync takes ages.", "P1", "urgent"));

        assertThat(decision.priority()).isEqualTo("Medium");
        assertThat(decision.reasons()).contains("Default priority");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "We had a data breach last night",
            "My account was HACKED",
            "Someone got unauthorised access to our workspace",
            "I think my account is compromised",
            "We received a phishing mail that looks like yours",
            "I found a vulnerability in your login form",
    })
    void escalatesSecurityIncidentsToCriticalAndTheSecurityTeam(String text) {
        RoutingDecision decision = router.route(request(text, "Low", "Low"));

        assertThat(decision.priority()).isEqualTo("Critical");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.team()).isEqualTo("Security");
        assertThat(decision.queue()).isEqualTo("security-incidents");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofMinutes(15));
        assertThat(decision.category()).isEqualTo("Technical Issue");
        assertThat(decision.reasons()).containsExactly("Model decides category", "Priority: client supplied",
                "Escalate security incident", "Route security incident", "SLA security incident");
    }

    @Test
    void keepsACriticalSecurityTicketCriticalAndStillRoutesItToSecurity() {
        RoutingDecision decision = router.route(request("Our account was hacked", null, "Critical"));

        assertThat(decision.priority()).isEqualTo("Critical");
        // Nothing was raised: the client already said Critical.
        assertThat(decision.escalated()).isFalse();
        assertThat(decision.team()).isEqualTo("Security");
        assertThat(decision.reasons()).contains("Escalate security incident");
    }

    @Test
    void routesSecurityIncidentsToSecurityEvenWhenTheCategoryNeedsReview() {
        RoutingDecision decision = router.route(Tickets.withoutModel("Help", "Unauthorized access to my files", null));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.needsReview()).isTrue();
        assertThat(decision.team()).isEqualTo("Security");
        assertThat(decision.reasons()).contains("Route security incident").doesNotContain("Route to human review");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "This looks like data loss",
            "I lost all my data after the update",
            "My data was deleted overnight",
            "The export file is corrupted",
    })
    void raisesDataLossToHigh(String text) {
        RoutingDecision decision = router.route(request(text, null, "Low"));

        assertThat(decision.priority()).isEqualTo("High");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.queue()).isEqualTo("tech-support-urgent");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofHours(4));
        assertThat(decision.reasons()).containsSubsequence("Escalate data loss", "Route Technical Issue (routing.csv line 8)");
    }

    @Test
    void raisesDataLossInProductionToCritical() {
        RoutingDecision decision = router.route(request("Data loss in production since the deploy", null, "Medium"));

        assertThat(decision.priority()).isEqualTo("Critical");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.reasons()).containsSubsequence(
                "Escalate data loss", "Escalate data loss in production", "Route Technical Issue (routing.csv line 9)");
    }

    @Test
    void neverLowersACriticalTicketOnDataLoss() {
        RoutingDecision decision = router.route(request("The file is corrupted", null, "Critical"));

        assertThat(decision.priority()).isEqualTo("Critical");
        assertThat(decision.escalated()).isFalse();
        assertThat(decision.queue()).isEqualTo("tech-support-urgent");
    }

    @Test
    void leavesAHighDataLossTicketHighAndUnescalated() {
        RoutingDecision decision = router.route(request("The file is corrupted", "High", null));

        assertThat(decision.priority()).isEqualTo("High");
        assertThat(decision.escalated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Production is down!",
            "Is there an outage? Pages will not load",
            "All users get a blank page",
            "The entire team sees the same failure",
            "Nobody can open the dashboard",
    })
    void escalatesOutagesToCritical(String text) {
        RoutingDecision decision = router.route(request(text, null, "Low"));

        assertThat(decision.priority()).isEqualTo("Critical");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.queue()).isEqualTo("tech-support-urgent");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofHours(1));
        assertThat(decision.reasons()).containsExactly("Model decides category", "Priority: client supplied",
                "Escalate outage", "Route Technical Issue (routing.csv line 9)");
    }

    @Test
    void listsTheOutageCueOnACriticalTicketWithoutEscalatingIt() {
        RoutingDecision decision = router.route(request("Production is down!", null, "Critical"));

        assertThat(decision.escalated()).isFalse();
        assertThat(decision.reasons()).contains("Escalate outage");
    }

    @Test
    void leavesTicketsWithoutCuesUnescalated() {
        RoutingDecision decision = router.route(request("Sync takes ages on the second laptop.", null, "Medium"));

        assertThat(decision.escalated()).isFalse();
        assertThat(decision.priority()).isEqualTo("Medium");
        assertThat(decision.reasons()).noneMatch(reason -> reason.startsWith("Escalate"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Sicherheitslücke im Login-Formular gefunden                       | security incident
            Unser Konto wurde gehackt                                         | security incident
            Nous avons une faille de sécurité : accès non autorisé            | security incident
            Hubo un acceso no autorizado a nuestra cuenta                     | security incident
            Houve um vazamento de dados na nossa conta                        | security incident
            Kompletter Serverausfall seit heute Morgen                        | outage
            Le service est en panne depuis ce matin                           | outage
            El servicio caído desde las 9, nadie puede entrar                 | outage
            O sistema está fora do ar, ninguém consegue acessar               | outage
            Nach dem Update: Datenverlust bei allen Projekten                  | data loss
            Perte de données après la mise à jour                             | data loss
            Pérdida de datos después de la actualización                      | data loss
            Perda de dados depois da atualização                              | data loss
            """)
    void escalatesOutagesDataLossAndSecurityIncidentsInGermanFrenchSpanishAndPortuguese(String text, String cue) {
        RoutingDecision decision = router.route(request(text, "Low", "Low"));

        assertThat(decision.escalated()).as(text).isTrue();
        assertThat(decision.reasons()).as(text).contains("Escalate " + cue);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Die Berechnung dauert zu lange", "Zahlungsausfall im Bericht anzeigen", "Ausfallzeit planen"})
    void doesNotEscalateWordsThatMerelyShareAStem(String text) {
        assertThat(router.route(request(text, "Low", "Low")).escalated()).as(text).isFalse();
    }
}
