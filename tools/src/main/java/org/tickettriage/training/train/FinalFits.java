package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tickettriage.training.data.LabeledTicket;

/**
 * The fits after model selection, with the chosen feature set: the model measured on the held-out tickets and the
 * model shipped, each head on the executor. A fit starts from the validation model of its head's chosen setting,
 * mapped onto the new rows' features by name (a warm start: the same prior on more rows of the same kind moves the
 * optimum only a little), or from zero when there was no validation search.
 */
final class FinalFits {

    private final CompletableFuture<TokenizedTickets> tokenized;
    private final int minCount;
    private final boolean warmStart;
    private final Executor executor;
    private final Consumer<String> progress;
    private final AtomicLong fitCount = new AtomicLong();
    private final AtomicLong fitNanos = new AtomicLong();

    /**
     * @param tokenized every row, tokenized with the chosen feature set
     * @param warmStart whether fits start from the validation model (false: from zero)
     */
    FinalFits(CompletableFuture<TokenizedTickets> tokenized, int minCount, boolean warmStart, Executor executor,
              Consumer<String> progress) {
        this.tokenized = tokenized;
        this.warmStart = warmStart;
        this.minCount = minCount;
        this.executor = executor;
        this.progress = progress;
    }

    /** Counts, prunes and featurizes {@code rows} on the executor: one featurization for both heads. */
    CompletableFuture<FeaturizedTickets> featurize(List<LabeledTicket> rows) {
        return tokenized.thenApplyAsync(tickets -> {
            FeaturizedTickets featurized = tickets.featurize(rows, minCount);
            progress.accept(String.format(Locale.ROOT, "%d tickets: %d features, %d kept (seen at least %d times)",
                    rows.size(), featurized.features().pruning().featuresBefore(),
                    featurized.features().pruning().featuresAfter(), minCount));
            return featurized;
        }, executor);
    }

    /**
     * Fits the head whose label is {@code labelOf} on {@code rows} with {@code selection}'s prior and strength.
     *
     * @param labels the head's labels, growth stopped
     * @param what   what the fit is for, in the progress line
     */
    CompletableFuture<MaxEnt> fit(CompletableFuture<FeaturizedTickets> rows, LabelAlphabet labels,
                                  Function<LabeledTicket, String> labelOf, ModelSelection.Selection selection, String what) {
        return rows.thenApplyAsync(featurized -> {
            InstanceList instances = featurized.instances(labels, labelOf);
            double[] start = !warmStart || selection.model() == null || selection.prior() == Prior.SVM ? null
                    : TicketModelTrainer.startingPoint(selection.model(), featurized.features().alphabet(), labels);
            long fitStart = System.nanoTime();
            TicketModelTrainer.Fit fit = TicketModelTrainer.fit(instances, selection.prior(), selection.strength(), start);
            long nanos = System.nanoTime() - fitStart;
            fitCount.incrementAndGet();
            fitNanos.addAndGet(nanos);
            progress.accept(String.format(Locale.ROOT, "fitted %s on %d tickets, %s, in %.1f s%s%s", what,
                    instances.size(), selection.describePrior(), nanos / 1e9, fit.describeCost(),
                    start == null ? "" : " (warm start from the validation model)"));
            return fit.model();
        }, executor);
    }

    /** How many fits ran. */
    long fitCount() {
        return fitCount.get();
    }

    /** The time they took, summed over threads. */
    double fitSeconds() {
        return fitNanos.get() / 1e9;
    }
}
