package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import cc.mallet.optimize.LimitedMemoryBFGS;
import cc.mallet.optimize.OptimizationException;
import cc.mallet.optimize.Optimizer;
import cc.mallet.optimize.OrthantWiseLimitedMemoryBFGS;
import cc.mallet.pipe.FeatureCountPipe;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import cc.mallet.util.MalletLogger;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tickettriage.classifier.TicketFeaturePipes;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.ModelCard;
import org.tickettriage.training.data.LabeledTicket;

/**
 * Trains MaxEnt heads on tickets with the feature pipe of {@link TicketFeaturePipes}. Rare features are pruned
 * the way MALLET's own importers do it: a first pass counts every feature ({@link FeatureCountPipe}), the
 * pruned alphabet keeps those seen at least {@code minFeatureCount} times, and a second pass builds the
 * training instances over it (features outside it are dropped because its growth is stopped).
 */
public final class TicketModelTrainer {

    // MALLET logs every L-BFGS step at INFO, and line-search give-ups that it calls harmless at WARNING, on the
    // console; the commands print their own progress. Held in a
    // field because java.util.logging keeps only weak references to configured loggers.
    private static final Logger MALLET_LOGGER = Logger.getLogger("cc.mallet");

    static {
        // MalletLogger's class initialisation reloads the JDK logging configuration from MALLET's own file, which
        // would undo the level set below: run it first.
        MalletLogger.getLogger(TicketModelTrainer.class.getName());
        MALLET_LOGGER.setLevel(Level.SEVERE);
    }

    private final FeatureSettings settings;
    private final int minFeatureCount;

    /** A trainer with these feature settings and pruning threshold (1 keeps every feature). */
    public TicketModelTrainer(FeatureSettings settings, int minFeatureCount) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (minFeatureCount < 1) {
            throw new IllegalArgumentException("minFeatureCount must be at least 1");
        }
        this.minFeatureCount = minFeatureCount;
    }

    /**
     * The features kept for some training tickets.
     *
     * @param alphabet          the pruned alphabet, growth stopped
     * @param pruning           what pruning did, for the model card
     * @param documentFrequency in how many tickets each kept feature occurs, or null when the settings need none
     * @param documents         how many tickets were counted
     */
    public record Features(Alphabet alphabet, ModelCard.Pruning pruning, int[] documentFrequency, int documents) {
    }

    /** The feature settings this trainer builds pipes with. */
    public FeatureSettings settings() {
        return settings;
    }

    /** Counts the features of {@code tickets} and keeps the frequent ones. */
    public Features features(List<LabeledTicket> tickets) {
        Alphabet all = new Alphabet(String.class);
        FeatureCountPipe counter = new FeatureCountPipe(all, null);
        SerialPipes counting = new SerialPipes(List.<Pipe>of(TicketFeaturePipes.featureSequencePipe(settings, all), counter));
        for (LabeledTicket t : tickets) {
            counting.instanceFrom(TicketFeaturePipes.instance(t.subject(), t.description(), null, t.row()));
        }
        Alphabet pruned = counter.getPrunedAlphabet(minFeatureCount);
        pruned.stopGrowth();
        int[] documentFrequency = settings.needsDocumentFrequencies() ? documentFrequencies(tickets, pruned) : null;
        return new Features(pruned, new ModelCard.Pruning(minFeatureCount, all.size(), pruned.size()),
                documentFrequency, tickets.size());
    }

    private int[] documentFrequencies(List<LabeledTicket> tickets, Alphabet pruned) {
        int[] df = new int[pruned.size()];
        SerialPipes sequences = TicketFeaturePipes.featureSequencePipe(settings, pruned);
        boolean[] seen = new boolean[pruned.size()];
        for (LabeledTicket t : tickets) {
            FeatureSequence sequence = (FeatureSequence) sequences
                    .instanceFrom(TicketFeaturePipes.instance(t.subject(), t.description(), null, t.row())).getData();
            int[] features = sequence.getFeatures();
            for (int i = 0; i < sequence.getLength(); i++) {
                if (!seen[features[i]]) {
                    seen[features[i]] = true;
                    df[features[i]]++;
                }
            }
            for (int i = 0; i < sequence.getLength(); i++) {
                seen[features[i]] = false;
            }
        }
        return df;
    }

    /**
     * Training instances of the tickets that have a label (per {@code labelOf}), over {@code features}.
     *
     * @param labels the label alphabet, growth stopped; see {@link #labels}
     */
    public InstanceList instances(List<LabeledTicket> tickets, Features features, LabelAlphabet labels,
                                  Function<LabeledTicket, String> labelOf) {
        InstanceList list = new InstanceList(TicketFeaturePipes.classifierPipe(settings, features.alphabet(), labels,
                features.documentFrequency(), features.documents()));
        for (LabeledTicket t : tickets) {
            String label = labelOf.apply(t);
            if (label != null && labels.contains(label)) {
                list.addThruPipe(TicketFeaturePipes.instance(t.subject(), t.description(), label, t.row()));
            }
        }
        return list;
    }

    /** The sorted distinct labels of {@code tickets}, as a stopped label alphabet. */
    public static LabelAlphabet labels(List<LabeledTicket> tickets, Function<LabeledTicket, String> labelOf) {
        TreeSet<String> names = new TreeSet<>();
        for (LabeledTicket t : tickets) {
            String label = labelOf.apply(t);
            if (label != null) {
                names.add(label);
            }
        }
        LabelAlphabet labels = new LabelAlphabet();
        names.forEach(labels::lookupIndex);
        labels.stopGrowth();
        return labels;
    }

    /**
     * Fits a MaxEnt with a Gaussian prior of {@code priorVariance} (L2; smaller means stronger), the way
     * {@code MaxEntTrainer} does (L-BFGS to convergence, then once more with a fresh history) but without its
     * stack traces on stderr when the line search stops at the flat top of the likelihood.
     */
    public static MaxEnt train(InstanceList instances, double priorVariance) {
        return train(instances, Prior.GAUSSIAN, priorVariance);
    }

    /**
     * Fits a MaxEnt with {@code prior} at {@code strength}. L1 is fitted the way {@code MaxEntL1Trainer} does: the
     * likelihood without a prior, and OWL-QN ({@link OrthantWiseLimitedMemoryBFGS}) adding the L1 term, which sets
     * weights to exactly zero. ({@code MaxEntTrainer.setL1Weight} would silently fit with no prior at all.) MALLET's
     * optimisers run on {@link MaxEntLabelLikelihood}, which computes the objective of MALLET's
     * {@code MaxEntOptimizableByLabelLikelihood} to the last bit, laid out for the cache: same fits, in about half the
     * time with many labels.
     */
    public static MaxEnt train(InstanceList instances, Prior prior, double strength) {
        return train(instances, prior, strength, null);
    }

    /**
     * As {@link #train(InstanceList, Prior, double)}, starting from {@code start} instead of all zeros: a warm start.
     * The objective is convex (strictly so with a Gaussian prior), so the optimum is the same and only the path there
     * is shorter when {@code start} is near it, e.g. the optimum for the next stronger prior on the same rows, or the
     * chosen model of a validation fit ({@link #startingPoint}). The optimiser stops when the objective changes by
     * less than its relative tolerance (1e-4), so a warm fit ends at a slightly different point than a cold one:
     * equal within that tolerance, not to the bit.
     *
     * @param start parameters in MALLET's layout ({@code [label * (features + 1) + feature]}, the bias last), or null
     *              for a cold start; copied, never modified
     */
    public static MaxEnt train(InstanceList instances, Prior prior, double strength, double[] start) {
        return fit(instances, prior, strength, start).model();
    }

    /**
     * A fitted head and how many times the optimiser evaluated the objective to get there (each evaluation is one
     * pass over the training rows: the measure of a fit's cost that does not depend on the machine).
     */
    record Fit(MaxEnt model, int evaluations) {

        /** ", N evaluations" for the progress lines; empty for an SVM fit, whose solver does not count them. */
        String describeCost() {
            return evaluations > 0 ? ", " + evaluations + " evaluations" : "";
        }
    }

    /** As {@link #train(InstanceList, Prior, double, double[])}, with the number of evaluations. */
    static Fit fit(InstanceList instances, Prior prior, double strength, double[] start) {
        if (prior == Prior.SVM) {
            // The dual solver has no warm start; it is fast enough without one (no passes are counted).
            return new Fit(wrap(instances, LinearSvm.fit(instances, strength)), 0);
        }
        MaxEntLabelLikelihood likelihood = new MaxEntLabelLikelihood(instances,
                prior == Prior.GAUSSIAN ? strength : Double.NaN);
        if (start != null) {
            likelihood.setParameters(start);
        }
        if (prior == Prior.GAUSSIAN) {
            optimize(new LimitedMemoryBFGS(likelihood));
            optimize(new LimitedMemoryBFGS(likelihood));
        } else {
            optimize(new OrthantWiseLimitedMemoryBFGS(likelihood, strength));
            optimize(new OrthantWiseLimitedMemoryBFGS(likelihood, strength));
        }
        return new Fit(wrap(instances, likelihood.parameters()), likelihood.valueCalls());
    }

    private static MaxEnt wrap(InstanceList instances, double[] parameters) {
        MaxEnt classifier = new MaxEnt(instances.getPipe(), parameters);
        classifier.getAlphabet().stopGrowth();
        classifier.getLabelAlphabet().stopGrowth();
        return classifier;
    }

    /**
     * A warm start for a head over {@code features} and {@code labels}, taken from {@code from}'s weights by feature
     * and label name (zero for a feature or label it does not know): how a fit on other rows of the same tickets,
     * whose alphabet differs a little, starts from the model chosen on a validation split. Reads {@code from} only.
     */
    public static double[] startingPoint(MaxEnt from, Alphabet features, LabelAlphabet labels) {
        Alphabet fromFeatures = from.getAlphabet();
        LabelAlphabet fromLabels = from.getLabelAlphabet();
        double[] fromParameters = from.getParameters();
        int fromStride = from.getDefaultFeatureIndex() + 1;
        int stride = features.size() + 1;
        int[] featureMap = new int[stride];
        for (int f = 0; f < features.size(); f++) {
            featureMap[f] = fromFeatures.lookupIndex(features.lookupObject(f), false);
        }
        featureMap[stride - 1] = fromStride - 1; // the bias
        double[] start = new double[stride * labels.size()];
        for (int label = 0; label < labels.size(); label++) {
            int fromLabel = fromLabels.lookupIndex(labels.lookupObject(label), false);
            if (fromLabel < 0) {
                continue;
            }
            for (int f = 0; f < stride; f++) {
                if (featureMap[f] >= 0) {
                    start[label * stride + f] = fromParameters[fromLabel * fromStride + featureMap[f]];
                }
            }
        }
        return start;
    }

    /** How many of {@code classifier}'s weights (biases included) are not zero: what L1 shrinks. */
    public static int nonZeroWeights(MaxEnt classifier) {
        int n = 0;
        for (double w : classifier.getParameters()) {
            if (w != 0) {
                n++;
            }
        }
        return n;
    }

    /** Runs {@code optimizer} to convergence, as MALLET's trainers do, ignoring the line search's give-ups. */
    static void optimize(Optimizer optimizer) {
        try {
            optimizer.optimize();
        } catch (OptimizationException e) {
            // "Line search could not step in the current direction": at (or within tolerance of) the optimum,
            // which MaxEntTrainer also treats as converged. OWL-QN's "invalid hessian inverse" (rho < 0) leaves the
            // parameters at the last accepted step, which the line search made no worse; the second run restarts
            // from there with a fresh history.
        }
    }
}
