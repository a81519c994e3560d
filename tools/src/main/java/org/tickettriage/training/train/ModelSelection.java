package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.evaluate.ScoredTicket;

/**
 * Chooses a head's feature set, rare-feature cut-off, prior and prior strength on validation tickets of the training
 * rows (one split, or the folds of a cross-validation): the highest validation accuracy, ties to the lower log-loss.
 *
 * <p>What makes it fast: each candidate (feature set and cut-off) is featurized once per fold from one tokenization
 * of the feature set, and the vectors serve both heads and every
 * prior; each (feature set, prior, fold) is one chain of fits along the grid, strongest prior first, every fit
 * starting from the optimum of the one before (a warm start: the weaker prior's optimum is near it); the chains are
 * independent and run on the executor's threads. The choice does not depend on the number of threads: each chain is
 * sequential, the chains share only read-only data (vectors, alphabets), and their results are combined afterwards
 * in the order of the grid.
 */
final class ModelSelection {

    /**
     * A feature set with the number of times a feature must be seen in the fitting rows to be kept.
     *
     * @param minCount features seen fewer times than this in the fitting rows are dropped
     */
    record Candidate(FeatureSettings features, int minCount) {

        String describe() {
            return features.describe() + ", min-count " + minCount;
        }
    }

    /**
     * The candidate, prior and prior strength chosen for one head, with the validation (out-of-fold) answers of the
     * chosen setting and its model on the first fold, a warm start for the final fits; validation and model are null
     * without a validation search.
     */
    record Selection(Candidate candidate, Prior prior, double strength, List<ScoredTicket> validation,
                     List<Map<String, Double>> probabilities, MaxEnt model) {

        Selection(Candidate candidate, Prior prior, double strength) {
            this(candidate, prior, strength, null, null, null);
        }

        FeatureSettings features() {
            return candidate.features();
        }

        int minCount() {
            return candidate.minCount();
        }

        String describePrior() {
            return prior.id() + " prior, " + prior.strengthName() + " " + strength;
        }

        /** The temperature that calibrates the validation answers, 1 without any. */
        double temperature() {
            return validation == null ? 1.0
                    : TemperatureScaling.fit(validation.stream().map(ScoredTicket::actual).toList(), probabilities);
        }
    }

    /** One fold's fitting and validation tickets, featurized over the fitting tickets' features. */
    private record Fold(FeaturizedTickets fit, FeaturizedTickets check) {
    }

    /** What one fit answered on its fold's validation tickets. */
    private record FoldScore(List<ScoredTicket> answers, List<Map<String, Double>> probabilities, double logLossSum,
                             long nonZero, int features, MaxEnt model) {
    }

    /** One chain's scores along the grid, strongest prior first; shorter than the grid when it stopped early. */
    private record Chain(List<FoldScore> scores, boolean stoppedEarly) {
    }

    private final Executor executor;
    private final Function<FeatureSettings, CompletableFuture<TokenizedTickets>> tokenized;
    private final Function<Prior, List<Double>> grids;
    private final boolean warmStart;
    private final Consumer<String> progress;
    private final List<GroupedStratifiedSplit.Parts> folds;
    /** Featurized folds per candidate, made once and shared by both heads. */
    private final Map<Candidate, List<CompletableFuture<Fold>>> featurized = new HashMap<>();
    private final AtomicLong fitCount = new AtomicLong();
    private final AtomicLong fitNanos = new AtomicLong();

    /**
     * @param folds     the validation splits of the training rows: fitting tickets first, validation tickets second
     * @param tokenized every row tokenized with a feature set, made once per feature set
     * @param grids     the strengths tried for each prior, as given
     * @param warmStart whether each fit along a chain starts from the previous optimum (false: every fit from zero)
     * @param progress  where progress lines go (called from several threads)
     */
    ModelSelection(List<GroupedStratifiedSplit.Parts> folds,
                   Function<FeatureSettings, CompletableFuture<TokenizedTickets>> tokenized,
                   Function<Prior, List<Double>> grids, boolean warmStart, Executor executor, Consumer<String> progress) {
        this.folds = List.copyOf(folds);
        this.tokenized = tokenized;
        this.grids = grids;
        this.warmStart = warmStart;
        this.executor = executor;
        this.progress = progress;
    }

    /** How many fits the searches so far ran. */
    long fitCount() {
        return fitCount.get();
    }

    /** The time those fits took, summed over threads. */
    double fitSeconds() {
        return fitNanos.get() / 1e9;
    }

    /**
     * Chooses among {@code candidates} × {@code priors} × each prior's grid for the head whose label is
     * {@code labelOf}, printing one line per setting tried to {@code stdout}.
     */
    Selection select(String head, List<Candidate> candidates, List<Prior> priors,
                     Function<LabeledTicket, String> labelOf, PrintWriter stdout) {
        List<Integer> usable = new ArrayList<>();
        List<LabelAlphabet> labels = new ArrayList<>();
        int checked = 0;
        int fitting = 0;
        for (int f = 0; f < folds.size(); f++) {
            GroupedStratifiedSplit.Parts fold = folds.get(f);
            long check = fold.second().stream().filter(t -> labelOf.apply(t) != null).count();
            LabelAlphabet foldLabels = TicketModelTrainer.labels(fold.first(), labelOf);
            if (check > 0 && foldLabels.size() >= 2) {
                usable.add(f);
                labels.add(foldLabels);
                checked += (int) check;
                fitting += fold.first().size();
            }
        }
        boolean single = priors.size() == 1 && grids.apply(priors.get(0)).stream().distinct().count() == 1
                && candidates.size() == 1;
        if (usable.isEmpty() || single) {
            Prior prior = priors.get(0);
            List<Double> grid = prior.strongestFirst(grids.apply(prior));
            // Without validation data: 1 when it is offered (MALLET's default variance), else the strongest prior.
            double strength = grid.contains(1.0) ? 1.0 : grid.get(0);
            stdout.printf(Locale.ROOT, "%s prior: %s %s %s, features %s (no validation search: %s)%n", head, prior.id(),
                    prior.strengthName(), strength, candidates.get(0).describe(),
                    usable.isEmpty() ? "too few training rows to hold some out" : "a single value given");
            return new Selection(candidates.get(0), prior, strength);
        }
        boolean oneSplit = usable.size() == 1;
        String how = oneSplit
                ? String.format(Locale.ROOT, "%d fitting, %d validation tickets", fitting, checked)
                : String.format(Locale.ROOT, "%d-fold cross-validation over %d tickets", usable.size(), checked);

        // Every chain is submitted before any result is awaited, so that the threads are never idle.
        Map<Candidate, Map<Prior, List<CompletableFuture<Chain>>>> chains = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            progress.accept(String.format(Locale.ROOT, "%s: features %s (%s)", head, candidate.describe(), how));
            List<CompletableFuture<Fold>> candidateFolds = featurized(candidate);
            Map<Prior, List<CompletableFuture<Chain>>> byPrior = new LinkedHashMap<>();
            for (Prior prior : priors) {
                if (!fits(candidate, prior, candidates)) {
                    continue;
                }
                List<CompletableFuture<Chain>> byFold = new ArrayList<>();
                for (int u = 0; u < usable.size(); u++) {
                    int foldIndex = usable.get(u);
                    LabelAlphabet foldLabels = labels.get(u);
                    boolean keepModels = u == 0;
                    byFold.add(candidateFolds.get(foldIndex).thenApplyAsync(fold -> chain(candidate, prior, fold,
                            foldLabels, labelOf, oneSplit, keepModels,
                            oneSplit ? "" : String.format(Locale.ROOT, " (fold %d of %d)", foldIndex + 1, folds.size())),
                            executor));
                }
                byPrior.put(prior, byFold);
            }
            chains.put(candidate, byPrior);
        }

        stdout.printf(Locale.ROOT, "%s model selection (%s):%n", head, how);
        Selection best = null;
        double bestAccuracy = -1;
        double bestLogLoss = Double.POSITIVE_INFINITY;
        for (Candidate candidate : candidates) {
            for (Prior prior : priors) {
                List<CompletableFuture<Chain>> submitted = chains.get(candidate).get(prior);
                if (submitted == null) { // left out by fits()
                    stdout.printf(Locale.ROOT, "  %-60s %-8s not tried: an SVM takes normalised features (+norm)%n",
                            candidate.describe(), prior.id());
                    continue;
                }
                List<Chain> byFold = submitted.stream().map(ModelSelection::join).toList();
                List<Double> grid = prior.strongestFirst(grids.apply(prior));
                int tried = byFold.stream().mapToInt(c -> c.scores().size()).min().orElse(0);
                for (int s = 0; s < tried; s++) {
                    double strength = grid.get(s);
                    List<ScoredTicket> outOfFold = new ArrayList<>();
                    List<Map<String, Double>> outOfFoldProbabilities = new ArrayList<>();
                    double logLossSum = 0;
                    long nonZero = 0;
                    long featureCount = 0;
                    for (Chain chain : byFold) {
                        FoldScore score = chain.scores().get(s);
                        outOfFold.addAll(score.answers());
                        outOfFoldProbabilities.addAll(score.probabilities());
                        logLossSum += score.logLossSum();
                        nonZero += score.nonZero();
                        featureCount += score.features();
                    }
                    double accuracy = outOfFold.stream().filter(ScoredTicket::correct).count() / (double) outOfFold.size();
                    double logLoss = logLossSum / outOfFold.size();
                    String setting = String.format(Locale.ROOT, "%-8s %-10s %-6s", prior.id(), prior.strengthName(), strength);
                    stdout.printf(Locale.ROOT, "  %-60s %s accuracy %.4f  log-loss %.4f  (%d features, %d non-zero weights)%n",
                            candidate.describe(), setting, accuracy, logLoss, featureCount / byFold.size(),
                            nonZero / byFold.size());
                    if (accuracy > bestAccuracy + 1e-12 || (Math.abs(accuracy - bestAccuracy) <= 1e-12 && logLoss < bestLogLoss)) {
                        best = new Selection(candidate, prior, strength, outOfFold, outOfFoldProbabilities,
                                byFold.get(0).scores().get(s).model());
                        bestAccuracy = accuracy;
                        bestLogLoss = logLoss;
                    }
                }
                if (oneSplit && byFold.get(0).stoppedEarly()) {
                    stdout.printf(Locale.ROOT, "  %-60s %-8s weaker priors skipped: two steps without improving%n",
                            candidate.describe(), prior.id());
                }
            }
        }
        stdout.flush();
        List<Double> grid = best.prior().strongestFirst(grids.apply(best.prior()));
        boolean atEdge = best.strength() == grid.get(0) || best.strength() == grid.get(grid.size() - 1);
        stdout.printf(Locale.ROOT, "  chosen: %s, %s (highest validation accuracy; ties go to the lower log-loss)%s%n",
                best.candidate().describe(), best.describePrior(),
                atEdge ? "; at the edge of the grid, so a value beyond it may do better ("
                        + (best.prior() == Prior.L1 ? "--l1-grid" : best.prior() == Prior.SVM ? "--svm-grid" : "--prior-grid") + ")" : "");
        return best;
    }

    /**
     * Whether {@code prior} is tried with {@code candidate}: an SVM only on normalised features when some candidate
     * has them. Its hinge loss sees raw margins, so unnormalised counts make long tickets' margins large whatever
     * their words (on helpdesk_en_de's folds, binary words scored 0.36-0.38 against 0.40 normalised); MaxEnt's
     * likelihood copes with either.
     */
    static boolean fits(Candidate candidate, Prior prior, List<Candidate> candidates) {
        return prior != Prior.SVM || candidate.features().normalize()
                || candidates.stream().noneMatch(c -> c.features().normalize());
    }

    /** The folds featurized for {@code candidate}: submitted on first use, shared afterwards. */
    private List<CompletableFuture<Fold>> featurized(Candidate candidate) {
        return featurized.computeIfAbsent(candidate, c -> folds.stream()
                .map(fold -> tokenized.apply(c.features()).thenApplyAsync(tickets -> {
                    FeaturizedTickets fit = tickets.featurize(fold.first(), c.minCount());
                    return new Fold(fit, fit.featurize(fold.second()));
                }, executor))
                .toList());
    }

    /**
     * Fits the grid of {@code prior} on one fold, strongest first, and scores each fit on the fold's validation
     * tickets. On a single validation split it stops two steps past the best accuracy without improving: there the
     * accuracy is nearly unimodal in the prior's strength, and weaker priors only cost fitting time (and fit longer).
     * Cross-validation means a small training set, where fits are cheap and the accuracy curve of a few hundred
     * tickets has spurious local peaks: there the whole grid is tried.
     */
    private Chain chain(Candidate candidate, Prior prior, Fold fold, LabelAlphabet labels,
                        Function<LabeledTicket, String> labelOf, boolean stopEarly, boolean keepModels, String foldName) {
        InstanceList instances = fold.fit().instances(labels, labelOf);
        List<Instance> checks = fold.check().scoringInstances(labelOf);
        List<String> actual = fold.check().tickets().stream().map(labelOf).filter(l -> l != null).toList();
        List<String> names = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            names.add(String.valueOf(labels.lookupObject(i)));
        }
        List<FoldScore> scores = new ArrayList<>();
        double[] start = null;
        double chainBest = -1;
        int worseInARow = 0;
        for (double strength : prior.strongestFirst(grids.apply(prior))) {
            long fitStart = System.nanoTime();
            TicketModelTrainer.Fit fit = TicketModelTrainer.fit(instances, prior, strength, warmStart ? start : null);
            MaxEnt model = fit.model();
            long nanos = System.nanoTime() - fitStart;
            fitCount.incrementAndGet();
            fitNanos.addAndGet(nanos);
            start = model.getParameters();
            FoldScore score = score(model, checks, actual, names, fold.fit().features().alphabet().size(), keepModels);
            scores.add(score);
            progress.accept(String.format(Locale.ROOT, "  %s, %s %s %s%s: fitted in %.1f s%s%s",
                    candidate.describe(), prior.id(), prior.strengthName(), strength, foldName, nanos / 1e9,
                    fit.describeCost(), warmStart && scores.size() > 1 && prior != Prior.SVM ? " (warm start)" : ""));
            double accuracy = score.answers().stream().filter(ScoredTicket::correct).count() / (double) actual.size();
            if (accuracy > chainBest + 1e-12) {
                chainBest = accuracy;
                worseInARow = 0;
            } else if (++worseInARow >= 2 && stopEarly) {
                return new Chain(scores, true);
            }
        }
        return new Chain(scores, false);
    }

    /**
     * The model's answers on the validation tickets, as the serving code computes them for a head with temperature 1
     * (the served classifier, {@code MaxEntTicketClassifier}, scores bit for bit as {@code MaxEnt.getClassificationScores}, picks the first
     * highest label, and lists probabilities highest first).
     */
    private static FoldScore score(MaxEnt model, List<Instance> checks, List<String> actual, List<String> names,
                                   int features, boolean keepModel) {
        List<ScoredTicket> answers = new ArrayList<>(checks.size());
        List<Map<String, Double>> probabilities = new ArrayList<>(checks.size());
        double logLoss = 0;
        int known = 0;
        for (int i = 0; i < checks.size(); i++) {
            double[] scores = new double[names.size()];
            model.getClassificationScores(checks.get(i), scores);
            int best = 0;
            for (int l = 1; l < scores.length; l++) {
                if (scores[l] > scores[best]) {
                    best = l;
                }
            }
            answers.add(new ScoredTicket(actual.get(i), names.get(best), scores[best]));
            Map<String, Double> p = highestFirst(scores, names);
            probabilities.add(p);
            Double trueProbability = p.get(actual.get(i));
            if (trueProbability != null) {
                logLoss -= Math.log(Math.max(trueProbability, 1e-15));
                known++;
            }
        }
        // As ModelScorer: the mean over the tickets whose label the model knows, weighted by all the fold's tickets.
        double logLossSum = (known == 0 ? Double.NaN : logLoss / known) * checks.size();
        return new FoldScore(answers, probabilities, logLossSum, TicketModelTrainer.nonZeroWeights(model), features,
                keepModel ? model : null);
    }

    private static Map<String, Double> highestFirst(double[] scores, List<String> names) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i : order) {
            probabilities.put(names.get(i), scores[i]);
        }
        return probabilities;
    }

    /** The future's value; a failure in a task is rethrown as it was thrown there. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
