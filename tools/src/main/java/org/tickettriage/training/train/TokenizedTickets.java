package org.tickettriage.training.train;

import cc.mallet.types.Alphabet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.ModelCard;
import org.tickettriage.classifier.TicketFeaturePipes;
import org.tickettriage.training.data.LabeledTicket;

/**
 * Every ticket's feature names under one feature set, tokenized once and kept as numbers into one table of names:
 * the folds of model selection and the final fits count, prune and vectorize their rows from these instead of
 * tokenizing the text again (three times per row and fold, as counting, document frequencies and the pipe each
 * did).
 *
 * <p>What it builds is what the pipes build: {@link #featurize} keeps the features of the fitting rows seen at least
 * {@code minCount} times in the order they first appear there, as MALLET's {@code FeatureCountPipe} prunes an
 * alphabet, and the vectors come from the classifier pipe's own vector step, so models and their pipes are the same
 * as when every row went through the whole pipe. Read-only once built: shared between threads.
 */
final class TokenizedTickets {

    private final FeatureSettings settings;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<LabeledTicket, int[]> sequences = new IdentityHashMap<>();

    private TokenizedTickets(FeatureSettings settings) {
        this.settings = settings;
    }

    /** Tokenizes {@code tickets} with {@code settings}. */
    static TokenizedTickets of(FeatureSettings settings, List<LabeledTicket> tickets) {
        TokenizedTickets tokenized = new TokenizedTickets(settings);
        for (LabeledTicket t : tickets) {
            List<String> features = TicketFeaturePipes.featureNames(settings, t.subject(), t.description());
            int[] sequence = new int[features.size()];
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = tokenized.ids.computeIfAbsent(features.get(i), name -> {
                    tokenized.names.add(name);
                    return tokenized.names.size() - 1;
                });
            }
            tokenized.sequences.put(t, sequence);
        }
        return tokenized;
    }

    FeatureSettings settings() {
        return settings;
    }

    /**
     * The features of {@code fitting}: those seen at least {@code minCount} times there, in order of first
     * appearance, with their document frequencies when the settings need them; and the rows' vectors.
     */
    FeaturizedTickets featurize(List<LabeledTicket> fitting, int minCount) {
        int[] counts = new int[names.size()];
        List<Integer> firstSeen = new ArrayList<>();
        List<int[]> fittingSequences = new ArrayList<>(fitting.size());
        for (LabeledTicket t : fitting) {
            int[] sequence = sequences.get(t);
            if (sequence == null) {
                throw new IllegalArgumentException("row " + t.row() + " was not tokenized: count features on tokenized rows only");
            }
            fittingSequences.add(sequence);
            for (int id : sequence) {
                if (counts[id]++ == 0) {
                    firstSeen.add(id);
                }
            }
        }
        Alphabet pruned = new Alphabet();
        int[] local = new int[names.size()];
        Arrays.fill(local, -1);
        for (int id : firstSeen) {
            if (counts[id] >= minCount) {
                local[id] = pruned.lookupIndex(names.get(id));
            }
        }
        pruned.stopGrowth();
        int[] documentFrequency = null;
        if (settings.needsDocumentFrequencies()) {
            documentFrequency = new int[pruned.size()];
            boolean[] seen = new boolean[pruned.size()];
            for (int[] sequence : fittingSequences) {
                for (int id : sequence) {
                    int f = local[id];
                    if (f >= 0 && !seen[f]) {
                        seen[f] = true;
                        documentFrequency[f]++;
                    }
                }
                for (int id : sequence) {
                    if (local[id] >= 0) {
                        seen[local[id]] = false;
                    }
                }
            }
        }
        TicketModelTrainer.Features features = new TicketModelTrainer.Features(pruned,
                new ModelCard.Pruning(minCount, firstSeen.size(), pruned.size()), documentFrequency, fitting.size());
        return FeaturizedTickets.over(this, features, local, fitting);
    }

    /** The ticket's feature ids, in the tokenizer's order; -1 for a name never seen when this table was built. */
    int[] sequence(LabeledTicket t) {
        int[] sequence = sequences.get(t);
        if (sequence != null) {
            return sequence;
        }
        List<String> features = TicketFeaturePipes.featureNames(settings, t.subject(), t.description());
        sequence = new int[features.size()];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = ids.getOrDefault(features.get(i), -1);
        }
        return sequence;
    }
}
