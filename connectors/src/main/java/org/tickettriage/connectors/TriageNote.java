package org.tickettriage.connectors;

import java.util.Locale;
import java.util.stream.Collectors;
import org.tickettriage.model.FeatureWeight;
import org.tickettriage.triage.TriageResult;

/**
 * The note a connector leaves on a ticket: what was decided and why, in a few lines an agent reads at a glance, ending
 * in a marker that names the delivery (so that a retry finds a note an earlier attempt already posted).
 */
public final class TriageNote {

    /** How many of the model's strongest words the note lists. */
    static final int TOP_WORDS = 5;

    private TriageNote() {
    }

    /** The marker of one delivery's note: {@code ticket-triage delivery=<key>}. */
    public static String marker(String deliveryKey) {
        return "ticket-triage delivery=" + deliveryKey;
    }

    /**
     * The note's text.
     *
     * @param markdown true for Markdown (GitHub: the marker becomes an HTML comment, invisible when rendered), false for
     *                 plain text (a Zendesk internal note: the marker is the last line, in brackets)
     */
    public static String text(TriageResult result, String marker, boolean markdown) {
        String nl = markdown ? "  \n" : "\n";
        StringBuilder note = new StringBuilder();
        note.append(markdown ? "**ticket-triage**: " : "ticket-triage: ").append(result.category())
                .append(", priority ").append(result.priority())
                .append(" -> ").append(result.team()).append(" (").append(result.queue()).append(")")
                .append(", first response ").append(result.firstResponseTarget()).append(nl);
        note.append("Decided by ").append(result.decidedBy());
        if (!"none".equals(result.modelVersion())) {
            note.append(String.format(Locale.ROOT, " (model confidence %.2f, model %s)", result.confidence(), result.modelVersion()));
        }
        note.append(". Needs review: ").append(result.needsReview() ? "yes" : "no")
                .append(". Escalated: ").append(result.escalated() ? "yes" : "no").append('.').append(nl);
        if (!result.reasons().isEmpty()) {
            note.append("Why: ").append(String.join("; ", result.reasons())).append('.').append(nl);
        }
        if (!result.explanation().isEmpty()) {
            note.append("Top words: ").append(result.explanation().stream().limit(TOP_WORDS)
                    .map(TriageNote::word).collect(Collectors.joining(", "))).append('.').append(nl);
        }
        note.append(markdown ? "<!-- " + marker + " -->" : "[" + marker + "]");
        return note.toString();
    }

    private static String word(FeatureWeight feature) {
        return String.format(Locale.ROOT, "%s (%.2f)", feature.feature(), feature.weight());
    }
}
