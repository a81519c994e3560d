package org.tickettriage.training.generate;

import cc.mallet.classify.Classifier;
import cc.mallet.classify.MaxEntTrainer;
import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.pipe.TokenSequenceLowercase;
import cc.mallet.pipe.TokenSequenceNGrams;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.util.MalletLogger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A plain MALLET MaxEnt baseline (lower-cased word 1-2 grams, Gaussian prior) trained and tested on generated
 * tickets: the yardstick for "learnable but not trivial". Deliberately independent of the production trainer.
 */
final class MaxEntProbe {

    /** Held-out figures. */
    record Result(int trainSize, int testSize, double categoryAccuracy, double priorityAccuracy,
                  double priorityMajorityShare) {
    }

    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{N}'_-]*|\\p{N}+");
    private static final double GAUSSIAN_PRIOR_VARIANCE = 1.0;
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger MALLET_LOG = Logger.getLogger("cc.mallet");

    private MaxEntProbe() {
    }

    /**
     * Splits by description (identical descriptions always land on the same side), trains on one part and scores
     * the other, for the category and for the priority.
     */
    static Result evaluate(List<SyntheticTicket> tickets, int testPercent) {
        // MALLET logs every optimiser iteration at INFO; its logger class resets java.util.logging when it is
        // first loaded, so load it before quietening it.
        MalletLogger.getLogger(MaxEntProbe.class.getName());
        MALLET_LOG.setLevel(Level.WARNING);
        List<SyntheticTicket> train = new ArrayList<>();
        List<SyntheticTicket> test = new ArrayList<>();
        for (SyntheticTicket ticket : tickets) {
            (Math.floorMod(ticket.description().hashCode(), 100) < testPercent ? test : train).add(ticket);
        }
        double category = accuracy(train, test, t -> t.category().label());
        double priority = accuracy(train, test, t -> t.priority().label());
        Map<String, Integer> priorityCounts = new HashMap<>();
        test.forEach(t -> priorityCounts.merge(t.priority().label(), 1, Integer::sum));
        double majority = priorityCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                / (double) test.size();
        return new Result(train.size(), test.size(), category, priority, majority);
    }

    private static double accuracy(List<SyntheticTicket> train, List<SyntheticTicket> test,
                                   Function<SyntheticTicket, String> label) {
        Pipe pipe = new SerialPipes(List.of(
                new CharSequence2TokenSequence(TOKEN),
                new TokenSequenceLowercase(),
                new TokenSequenceNGrams(new int[] {1, 2}),
                new TokenSequence2FeatureSequence(),
                new FeatureSequence2FeatureVector(),
                new Target2Label()));
        InstanceList trainList = instances(pipe, train, label);
        pipe.getDataAlphabet().stopGrowth();
        pipe.getTargetAlphabet().stopGrowth();
        InstanceList testList = instances(pipe, test, label);
        Classifier classifier = new MaxEntTrainer(GAUSSIAN_PRIOR_VARIANCE).train(trainList);
        return classifier.getAccuracy(testList);
    }

    private static InstanceList instances(Pipe pipe, List<SyntheticTicket> tickets,
                                          Function<SyntheticTicket, String> label) {
        InstanceList list = new InstanceList(pipe);
        for (SyntheticTicket ticket : tickets) {
            list.addThruPipe(new Instance(ticket.subject() + "\n" + ticket.description(), label.apply(ticket),
                    Long.toString(ticket.ticketId()), null));
        }
        return list;
    }
}
