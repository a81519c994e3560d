package org.tickettriage.training.train;

import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.classifier.TicketFeaturePipes;
import org.tickettriage.training.data.LabeledTicket;

/**
 * Tickets as feature vectors over the pruned alphabet of some fitting rows, made once: every head and every prior
 * strength fitted or scored on them shares the vectors.
 *
 * <p>Immutable once built; the vectors and the alphabet are only read afterwards, so fits on several threads may
 * share one instance (each fit builds its own {@link InstanceList} and objective).
 */
final class FeaturizedTickets {

    /** Where the classifier pipe turns a {@code FeatureSequence} into a {@code FeatureVector}. */
    private static final int VECTOR_STEP = 2;

    private final TokenizedTickets tokenized;
    private final TicketModelTrainer.Features features;
    /** For each feature id of {@link #tokenized}, its index in {@code features.alphabet()}, or -1 when pruned. */
    private final int[] local;
    private final List<LabeledTicket> tickets;
    private final List<FeatureVector> vectors;

    private FeaturizedTickets(TokenizedTickets tokenized, TicketModelTrainer.Features features, int[] local,
                              List<LabeledTicket> tickets, List<FeatureVector> vectors) {
        this.tokenized = tokenized;
        this.features = features;
        this.local = local;
        this.tickets = List.copyOf(tickets);
        this.vectors = List.copyOf(vectors);
    }

    /** Tokenizes {@code tickets}, then counts, prunes and vectorizes them (for one-off use and tests). */
    static FeaturizedTickets of(FeatureSettings settings, int minCount, List<LabeledTicket> tickets) {
        return TokenizedTickets.of(settings, tickets).featurize(tickets, minCount);
    }

    /** {@code tickets} vectorized over {@code features}; {@code local} maps the tokenized ids to its alphabet. */
    static FeaturizedTickets over(TokenizedTickets tokenized, TicketModelTrainer.Features features, int[] local,
                                  List<LabeledTicket> tickets) {
        Pipe vectorStep = ((SerialPipes) pipe(tokenized.settings(), features, new LabelAlphabet())).getPipe(VECTOR_STEP);
        List<FeatureVector> vectors = new ArrayList<>(tickets.size());
        for (LabeledTicket t : tickets) {
            // What TokenSequence2FeatureSequence makes over the stopped alphabet: the kept features in token order.
            int[] sequence = tokenized.sequence(t);
            FeatureSequence kept = new FeatureSequence(features.alphabet(), sequence.length);
            for (int id : sequence) {
                if (id >= 0 && local[id] >= 0) {
                    kept.add(local[id]);
                }
            }
            Instance piped = vectorStep.pipe(new Instance(kept, null, t.row(), null));
            vectors.add((FeatureVector) piped.getData());
        }
        return new FeaturizedTickets(tokenized, features, local, tickets, vectors);
    }

    /** The settings, alphabet and document frequencies of the fitting rows. */
    TicketModelTrainer.Features features() {
        return features;
    }

    FeatureSettings settings() {
        return tokenized.settings();
    }

    /** The tickets, in input order. */
    List<LabeledTicket> tickets() {
        return tickets;
    }

    /** Each ticket's vector, in input order. */
    List<FeatureVector> vectors() {
        return vectors;
    }

    /** Other tickets over the same features (validation tickets of a fold, over its fitting rows' alphabet). */
    FeaturizedTickets featurize(List<LabeledTicket> others) {
        return over(tokenized, features, local, others);
    }

    /**
     * Training instances of the tickets that have a label in {@code labels} (per {@code labelOf}), in input order,
     * with the classifier pipe a model trained on them carries.
     */
    InstanceList instances(LabelAlphabet labels, Function<LabeledTicket, String> labelOf) {
        InstanceList list = new InstanceList(pipe(settings(), features, labels));
        for (int i = 0; i < tickets.size(); i++) {
            LabeledTicket t = tickets.get(i);
            String label = labelOf.apply(t);
            if (label != null && labels.contains(label)) {
                list.add(new Instance(vectors.get(i), labels.lookupLabel(label), t.row(), null));
            }
        }
        return list;
    }

    /** The tickets that have a label (per {@code labelOf}), each with its vector as an instance to score. */
    List<Instance> scoringInstances(Function<LabeledTicket, String> labelOf) {
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            if (labelOf.apply(tickets.get(i)) != null) {
                out.add(new Instance(vectors.get(i), null, tickets.get(i).row(), null));
            }
        }
        return out;
    }

    private static Pipe pipe(FeatureSettings settings, TicketModelTrainer.Features features, LabelAlphabet labels) {
        labels.stopGrowth();
        return TicketFeaturePipes.classifierPipe(settings, features.alphabet(), labels, features.documentFrequency(),
                features.documents());
    }
}
