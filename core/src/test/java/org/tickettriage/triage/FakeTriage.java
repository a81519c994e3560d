package org.tickettriage.triage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.tickettriage.model.FeatureWeight;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.TicketClassifier;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.Reason;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;

/** Small, predictable stand-ins for the MALLET classifier and the Drools router, for adapter tests. */
public final class FakeTriage {

    /** The categories, in the order the fake reports probabilities after the top one. */
    public static final List<String> CATEGORIES =
            List.of("Bug Report", "Feature Request", "Technical Issue", "Billing Inquiry", "Account Management");
    /** The fake model's version. */
    public static final String MODEL_VERSION = "fake-model-1";
    /** The fake model card's review threshold. */
    public static final double REVIEW_THRESHOLD = 0.5;

    private static final Map<String, String> TEAMS = Map.of(
            "Bug Report", "Engineering",
            "Feature Request", "Product",
            "Technical Issue", "Technical Support",
            "Billing Inquiry", "Billing",
            "Account Management", "Accounts");

    private FakeTriage() {
    }

    /** A service with the fake model and router. */
    public static TriageService service() {
        return new TriageService(new KeywordClassifier(), new TableRouter(), OptionalDouble.empty());
    }

    /** A service without a model, as when the model failed to load. */
    public static TriageService rulesOnly() {
        return TriageService.rulesOnly(new TableRouter(), "model directory /opt/model not found");
    }

    /** A service whose classifier fails with an exception that quotes the ticket. */
    public static TriageService failing() {
        return new TriageService(new TicketClassifier() {
            @Override
            public Prediction classify(String subject, String description) {
                throw new IllegalStateException("pipe failed on: " + subject);
            }

            @Override
            public String modelVersion() {
                return MODEL_VERSION;
            }

            @Override
            public double reviewThreshold() {
                return REVIEW_THRESHOLD;
            }
        }, new TableRouter(), OptionalDouble.empty());
    }

    /** Picks a category by keyword; vague text gets a low confidence. */
    static final class KeywordClassifier implements TicketClassifier {

        @Override
        public Prediction classify(String subject, String description) {
            String text = (subject + " " + description).toLowerCase(Locale.ROOT);
            String category;
            String keyword;
            double confidence;
            if (text.contains("invoice") || text.contains("refund") || text.contains("charged") || text.contains("billed")) {
                category = "Billing Inquiry";
                keyword = "invoice";
                confidence = 0.92;
            } else if (text.contains("feature") || text.contains("would be great")) {
                category = "Feature Request";
                keyword = "feature";
                confidence = 0.85;
            } else if (text.contains("password") || text.contains("log in") || text.contains("account")) {
                category = "Account Management";
                keyword = "password";
                confidence = 0.88;
            } else if (text.contains("crash") || text.contains("error")) {
                category = "Bug Report";
                keyword = "crash";
                confidence = 0.9;
            } else {
                category = "Technical Issue";
                keyword = "something";
                confidence = 0.31;
            }
            Map<String, Double> probabilities = new LinkedHashMap<>();
            probabilities.put(category, confidence);
            for (String other : CATEGORIES) {
                if (!other.equals(category)) {
                    probabilities.put(other, (1 - confidence) / 4);
                }
            }
            return new Prediction(category, confidence, probabilities, "Medium", 0.6,
                    List.of(new FeatureWeight(keyword, 1.5), new FeatureWeight("the", 0.1)));
        }

        @Override
        public String modelVersion() {
            return MODEL_VERSION;
        }

        @Override
        public double reviewThreshold() {
            return REVIEW_THRESHOLD;
        }
    }

    /** Routes by a fixed table; low confidence or no model goes to review. */
    static final class TableRouter implements Router {

        @Override
        public RoutingDecision route(RoutingRequest request) {
            String priority = request.clientPriority() != null ? request.clientPriority()
                    : request.predictedPriority() != null ? request.predictedPriority() : "Medium";
            if (!request.hasModelPrediction() || request.confidence() < request.reviewThreshold()) {
                String category = request.hasModelPrediction() ? request.predictedCategory() : "Technical Issue";
                return new RoutingDecision(category, priority, "Triage", "triage-review", Duration.ofHours(8),
                        DecidedBy.REVIEW, true, false, List.of(new Reason(ReasonCode.ROUTE_REVIEW, null)), Map.of());
            }
            String team = TEAMS.get(request.predictedCategory());
            return new RoutingDecision(request.predictedCategory(), priority, team,
                    team.toLowerCase(Locale.ROOT).replace(' ', '-') + "-queue", Duration.ofHours(4),
                    DecidedBy.MODEL, false, false,
                    List.of(new Reason(ReasonCode.ROUTE_TABLE, request.predictedCategory() + " to " + team)), Map.of());
        }

        @Override
        public RoutingPolicy policy() {
            return RoutingPolicy.bundled();
        }
    }
}
