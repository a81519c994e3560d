package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MALLET's own answer for a ticket: the head's pipe, {@code MaxEnt.getClassificationScores}, then the temperature
 * ({@code p^(1/T)}, renormalised). The reference that converted models are compared with. Not thread-safe (MALLET
 * pipes are not).
 */
public final class MalletScores {

    private MalletScores() {
    }

    /** Every label's probability, by label name, as MALLET scores {@code head} at {@code temperature}. */
    public static Map<String, Double> probabilities(MaxEnt head, double temperature, String subject, String description) {
        double[] scores = new double[head.getLabelAlphabet().size()];
        head.getClassificationScores(head.getInstancePipe()
                .instanceFrom(TicketFeaturePipes.instance(subject, description, null, null)), scores);
        if (temperature != 1.0) {
            double sum = 0;
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Math.pow(scores[i], 1.0 / temperature);
                sum += scores[i];
            }
            for (int i = 0; i < scores.length; i++) {
                scores[i] /= sum;
            }
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            byLabel.put(String.valueOf(head.getLabelAlphabet().lookupObject(i)), scores[i]);
        }
        return byLabel;
    }
}
