package org.tickettriage.connectors;

import java.util.List;
import java.util.Map;
import org.tickettriage.model.FeatureWeight;
import org.tickettriage.triage.CodedReason;
import org.tickettriage.triage.TriageResult;

/** Triage results made by hand, for plans and notes. */
public final class Results {

    private Results() {
    }

    /** A result the model decided, routed to Billing. */
    public static TriageResult billing(Map<String, String> outputs) {
        return new TriageResult("zendesk:35436", "Billing Inquiry", 0.93, Map.of("Billing Inquiry", 0.93), "High",
                "Billing", "billing-urgent", "PT4H", "model", false, false,
                List.of("Model decides category", "Route Billing Inquiry (routing.csv line 16)"),
                List.of(new CodedReason("model_confident", "Billing Inquiry"), new CodedReason("route_table", "Billing Inquiry (routing.csv line 16)")),
                List.of(new FeatureWeight("charged", 1.8), new FeatureWeight("refund", 1.2)), "maxent-test", outputs, "en", 0.92);
    }

    /** A result nobody could decide: it waits in the review queue. */
    public static TriageResult review(Map<String, String> outputs) {
        return new TriageResult("zendesk:35436", "Technical Issue", 0.31, Map.of("Technical Issue", 0.31), "Medium",
                "Support Triage", "triage-review", "P1D", "review", true, false,
                List.of("Low confidence: review"), List.of(new CodedReason("low_confidence_review", "Technical Issue")),
                List.of(new FeatureWeight("help", 0.4)), "maxent-test", outputs, "en", 0.92);
    }

    /** A result an escalation cue raised to Critical. */
    public static TriageResult escalated(Map<String, String> outputs) {
        return new TriageResult("github:octo-org/octo-app#42", "Bug Report", 0.88, Map.of("Bug Report", 0.88), "Critical",
                "Engineering", "engineering-urgent", "PT1H", "model", false, true,
                List.of("Model decides category", "Escalate data loss"),
                List.of(new CodedReason("model_confident", "Bug Report"), new CodedReason("escalation", "data loss")),
                List.of(new FeatureWeight("crashes", 2.1)), "maxent-test", outputs, "en", 0.92);
    }
}
