package org.tickettriage.triage;

import java.util.List;
import java.util.Map;
import org.tickettriage.model.FeatureWeight;

/**
 * The outcome for one ticket, exactly the {@code 200} body of {@code POST /classify}.
 *
 * @param ticketId            the caller's id, or the one assigned
 * @param category            the final category
 * @param confidence          the model's probability for its own top category (0 without a model)
 * @param probabilities       every category's probability, most probable first (empty without a model)
 * @param priority            the final priority
 * @param team                the owning team
 * @param queue               the queue
 * @param firstResponseTarget the first-response SLA target, as an ISO-8601 duration ({@code PT4H})
 * @param decidedBy           {@code model}, {@code rules} or {@code review}
 * @param needsReview         true when a person must confirm the category
 * @param escalated           true when an escalation rule (security, data loss, outage) raised the priority
 * @param reasons             the steps of the routing decision as sentences for people, in order
 * @param reasonCodes         the same steps as stable codes with what each concerns, for programs
 * @param explanation         the features that pushed the model's category most
 * @param modelVersion        the model that classified the ticket, or {@code none}
 * @param outputs             the routing policy's {@code set:} outputs for this ticket, by name without the marker: the
 *                            final priority's row of priorities.csv, overridden by the routing row's (docs/ROUTING.md);
 *                            what connectors write into a helpdesk (a group id, the helpdesk's own priority). Empty
 *                            when the policy sets none
 * @param language            the ticket's language, ISO 639-1 ({@code de}): the client's when it sent one, else the
 *                            detected one, or {@code und} when the text gives no honest answer (docs/LANGUAGES.md)
 * @param languageConfidence  1.0 for the client's language; the detector's confidence for a detected one (0 to 1),
 *                            also when it was too low and {@code language} is {@code und}
 */
public record TriageResult(
        String ticketId,
        String category,
        double confidence,
        Map<String, Double> probabilities,
        String priority,
        String team,
        String queue,
        String firstResponseTarget,
        String decidedBy,
        boolean needsReview,
        boolean escalated,
        List<String> reasons,
        List<CodedReason> reasonCodes,
        List<FeatureWeight> explanation,
        String modelVersion,
        Map<String, String> outputs,
        String language,
        double languageConfidence) {

    public TriageResult {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        language = language == null ? LanguageDetector.UNDETERMINED : language;
    }
}
