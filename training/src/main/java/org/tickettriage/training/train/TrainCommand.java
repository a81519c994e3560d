package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tickettriage.classifier.MalletModelExporter;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.Prediction;
import org.tickettriage.training.cli.ColumnOptions;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.Dataset;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;
import org.tickettriage.training.evaluate.Metrics;
import org.tickettriage.training.evaluate.ModelScorer;
import org.tickettriage.training.evaluate.ReviewThresholds;
import org.tickettriage.training.evaluate.ScoredTicket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: fits the category and priority MaxEnt heads on a labelled CSV and writes the model directory.
 *
 * <p>Without {@code --test} a grouped, stratified 80/20 split holds out tickets whose descriptions the model never
 * sees. The training part is split again to choose each head's prior (Gaussian or L1) and its strength, and the
 * review threshold, on validation tickets; the heads are then refitted on the whole training part and measured on the held-out
 * tickets through {@link MaxEntTicketClassifier}, the serving code, over the heads exported to the model format. Same data, options and seed: same metrics.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the MaxEnt category and priority models on a labelled CSV and writes the model directory "
                + "(model.bin, model-card.json). Metrics go to stdout, progress to stderr.")
public final class TrainCommand implements Callable<Integer> {

    /** Tried by default: the words-only model of the first release and the TF-IDF model with character n-grams. */
    static final String DEFAULT_FEATURES = "words+bigrams+subject+binary,words+bigrams+subject+chars3-5+log+idf+norm";

    static final int DEFAULT_FOLDS = 5;
    static final int CROSS_VALIDATION_BELOW_ROWS = 3000;

    static final String DEFAULT_L1_GRID = "0.01,0.03,0.1,0.3,1,3,10";

    private static final String GAUSSIAN_TRAINER = "MALLET MaxEntOptimizableByLabelLikelihood, L-BFGS, Gaussian prior (as MaxEntTrainer)";
    private static final String L1_TRAINER = "MALLET MaxEntOptimizableByLabelLikelihood, OWL-QN, L1 prior (as MaxEntL1Trainer)";

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Training data (UTF-8 CSV with a header).")
    private Path data;

    @Mixin
    private ColumnOptions columnOptions = new ColumnOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the model.")
    private Path out;

    @Option(names = "--priority-scale", paramLabel = "LABELS",
            description = "The priority labels lowest first, comma-separated (e.g. low,medium,high or P4,P3,P2,P1): "
                    + "the model card lists them in this order. Every priority in --data must be on it (ignoring case). "
                    + "Default: recognised from the labels (low < medium|normal < high < critical|urgent; Pn < ... < P1), "
                    + "else alphabetical, with a warning.")
    private String priorityScaleOption;

    @Option(names = "--test", paramLabel = "FILE.csv",
            description = "Held-out data with the same columns; without it 20%% of --data is held out.")
    private Path test;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the splits (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--review-precision", defaultValue = "0.95", paramLabel = "P",
            description = "Precision wanted of the tickets the model decides alone; sets the review threshold (default: ${DEFAULT-VALUE}).")
    private double reviewPrecision;

    @Option(names = "--prior-grid", split = ",", defaultValue = "0.003,0.01,0.03,0.1,0.3,1,3,10,30,100,300", paramLabel = "V",
            description = "Gaussian prior variances tried on the validation split (default: ${DEFAULT-VALUE}).")
    private List<Double> priorGrid;

    @Option(names = "--prior", defaultValue = "gaussian", paramLabel = "KIND",
            description = "The prior both heads are fitted with: gaussian (L2, --prior-grid), l1 (sparse weights, "
                    + "--l1-grid) or auto (both tried on the validation split, the better kept) (default: ${DEFAULT-VALUE}).")
    private String priorOption;

    @Option(names = "--l1-grid", split = ",", defaultValue = DEFAULT_L1_GRID, paramLabel = "W",
            description = "L1 weights tried on the validation split with --prior l1 or auto; larger is sparser "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Double> l1Grid;

    @Option(names = "--min-count", defaultValue = "2", paramLabel = "N",
            description = "Drop features seen fewer than N times in the training rows (default: ${DEFAULT-VALUE}).")
    private int minCount;

    @Option(names = "--min-class-rows", defaultValue = "5", paramLabel = "N",
            description = "Labels with fewer rows than this in --data are reported and left out, rows and all: too few to "
                    + "learn or to measure (default: ${DEFAULT-VALUE}).")
    private int minClassRows;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share held out when there is no --test (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @Option(names = "--validation-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of the training part used to choose the prior and threshold (default: ${DEFAULT-VALUE}).")
    private double validationFraction;

    @Option(names = "--features", split = ",", paramLabel = "SPEC",
            description = "Feature sets tried on the validation split, e.g. words+bigrams+subject+binary or "
                    + "words+bigrams+subject+chars3-5+log+idf+norm: '+'-separated parts among bigrams, subject, "
                    + "charsMIN-MAX (n-grams within words), binary|counts|log values, idf, norm (unit length) "
                    + "(default: " + DEFAULT_FEATURES + ").")
    private List<String> featureSpecs;

    @Option(names = "--folds", paramLabel = "K",
            description = "Choose the settings by K-fold cross-validation on the training part (default: "
                    + DEFAULT_FOLDS + " folds below " + CROSS_VALIDATION_BELOW_ROWS + " training rows, where one validation "
                    + "split is too small to tell settings apart; one --validation-fraction split otherwise; 1 forces the split).")
    private Integer folds;

    @Option(names = "--no-bigrams", description = "Single words only (applies to every --features candidate).")
    private boolean noBigrams;

    @Option(names = "--no-subject-features", description = "No subject-prefixed features (applies to every candidate).")
    private boolean noSubjectFeatures;

    @Option(names = "--counts", description = "Counts instead of presence for the binary candidates.")
    private boolean counts;

    @Option(names = "--model-version", paramLabel = "ID",
            description = "The model's version (default: derived from the data and options).")
    private String modelVersion;

    private PriorityOrder priorityScale;
    private long startNanos;
    private PrintWriter err;

    @Override
    public Integer call() {
        validateOptions();
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        startNanos = System.nanoTime();
        try {
            run(stdout);
            return 0;
        } catch (DatasetException e) {
            err.println("train: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("train: cannot write the model to " + out + ": " + e.getMessage());
            return 1;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    private void validateOptions() {
        if (!(reviewPrecision > 0 && reviewPrecision <= 1)) {
            throw new ParameterException(spec.commandLine(), "--review-precision must be in (0, 1]");
        }
        if (priorGrid.isEmpty() || priorGrid.stream().anyMatch(v -> !(v > 0) || v.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--prior-grid needs positive variances");
        }
        if (priors().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--prior must be gaussian, l1 or auto, not '" + priorOption + "'");
        }
        if (l1Grid.isEmpty() || l1Grid.stream().anyMatch(w -> !(w > 0) || w.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--l1-grid needs positive weights");
        }
        if (minClassRows < 1) {
            throw new ParameterException(spec.commandLine(), "--min-class-rows must be at least 1");
        }
        if (folds != null && folds < 1) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 1");
        }
        if (minCount < 1) {
            throw new ParameterException(spec.commandLine(), "--min-count must be at least 1");
        }
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction > 0 && validationFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--test-fraction and --validation-fraction must be in (0, 1)");
        }
        if (priorityScaleOption != null) {
            try {
                priorityScale = PriorityOrder.parse(priorityScaleOption);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    private void run(PrintWriter stdout) throws IOException {
        ColumnSpec columns = columnOptions.columns();
        progress("reading " + data);
        Dataset dataset = TicketCsvReader.read(data, columns);
        err.println(dataset.summary());
        if (!dataset.hasPriority()) {
            err.println("No column '" + columns.priorityColumn() + "' in " + data
                    + ": training the category model only; the model will predict no priority (routing rules set it).");
        } else if (priorityScale != null) {
            requireOnScale(dataset);
        }

        List<LabeledTicket> train;
        List<LabeledTicket> heldOut;
        String heldOutName;
        String heldOutSha;
        RareLabels rare = RareLabels.of(dataset.tickets(), minClassRows);
        rare.report(err, columnOptions.label(), columns.priorityColumn(), minClassRows);
        List<LabeledTicket> usable = rare.keep(dataset.tickets());
        if (test != null) {
            Dataset testSet = TicketCsvReader.read(test, columns);
            err.println(testSet.summary());
            if (dataset.hasPriority() && !testSet.hasPriority()) {
                err.println("No priority column in " + test + ": the priority model is trained but not measured.");
            }
            train = usable;
            heldOut = rare.keep(testSet.tickets());
            if (heldOut.size() < testSet.tickets().size()) {
                err.printf(Locale.ROOT, "%d test rows carry a dropped label and are not scored.%n",
                        testSet.tickets().size() - heldOut.size());
            }
            heldOutName = fileName(test);
            heldOutSha = testSet.sha256();
            warnAboutOverlap(train, heldOut);
        } else {
            GroupedStratifiedSplit.Parts parts = GroupedStratifiedSplit.split(usable, testFraction, seed, LabeledTicket::label);
            train = parts.first();
            heldOut = parts.second();
            heldOutName = String.format(Locale.ROOT, "%.0f%% of %s, stratified by label, grouped by description, seed %d",
                    100 * testFraction, fileName(data), seed);
            heldOutSha = null;
        }
        if (heldOut.isEmpty()) {
            throw new DatasetException("Nothing to hold out: " + dataset.tickets().size()
                    + " rows are too few to measure a model; add rows or pass --test.");
        }
        LabelAlphabet categories = TicketModelTrainer.labels(train, LabeledTicket::label);
        if (categories.size() < 2) {
            throw new DatasetException("The training rows have " + categories.size() + " distinct '" + columnOptions.label()
                    + "' value(s); a classifier needs at least two.");
        }
        LabelAlphabet priorities = dataset.hasPriority() ? TicketModelTrainer.labels(train, LabeledTicket::priority) : null;
        if (priorities != null && priorities.size() < 2) {
            err.println("The training rows have fewer than two priorities: no priority model.");
            priorities = null;
        }
        List<String> priorityLabels = priorities == null ? List.of() : lowestFirst(labelsOf(priorities));
        err.printf(Locale.ROOT, "training on %d tickets, measuring on %d (%s)%n", train.size(), heldOut.size(), heldOutName);

        List<FeatureSettings> candidates = featureCandidates();

        // 1. Choose the features, the prior variances and the review threshold on a validation split of the
        // training part. The priority head shares the category head's features (one featurization serves both).
        int k = folds != null ? folds : train.size() < CROSS_VALIDATION_BELOW_ROWS ? DEFAULT_FOLDS : 1;
        List<GroupedStratifiedSplit.Parts> validation = k > 1
                ? GroupedStratifiedSplit.folds(train, k, seed + 1, LabeledTicket::label)
                : List.of(GroupedStratifiedSplit.split(train, validationFraction, seed + 1, LabeledTicket::label));
        Selection categorySelection = selectPrior("category", candidates, priors(), validation, LabeledTicket::label, stdout);
        FeatureSettings settings = categorySelection.features;
        Prior prior = categorySelection.prior;
        TicketModelTrainer trainer = new TicketModelTrainer(settings, minCount);
        // The priority head takes the category head's prior kind as it takes its features: the card records one.
        Selection prioritySelection = priorities == null ? null
                : selectPrior("priority", List.of(settings), List.of(prior), validation, LabeledTicket::priority, stdout);
        // Calibrate first, then choose the threshold on the calibrated validation confidences the model will serve.
        double categoryTemperature = categorySelection.temperature();
        Double priorityTemperature = prioritySelection == null ? null : prioritySelection.temperature();
        stdout.printf(Locale.ROOT, "temperature (fitted on the validation answers' log-loss): category %.3f%s%n",
                categoryTemperature, priorityTemperature == null ? "" : String.format(Locale.ROOT, ", priority %.3f", priorityTemperature));
        ReviewThresholds.Choice threshold = categorySelection.validation == null
                ? new ReviewThresholds.Choice(ReviewThresholds.CAP, false, 0, 0, 0, reviewPrecision)
                : ReviewThresholds.choose(TemperatureScaling.apply(categorySelection.validation,
                        categorySelection.probabilities, categoryTemperature), reviewPrecision);

        // 2. Refit on the whole training part.
        progress("counting features of " + train.size() + " training tickets");
        TicketModelTrainer.Features features = trainer.features(train);
        progress(String.format(Locale.ROOT, "%d features, %d kept (seen at least %d times)",
                features.pruning().featuresBefore(), features.pruning().featuresAfter(), minCount));
        progress("fitting the category model, " + categorySelection.describePrior());
        MaxEnt category = TicketModelTrainer.train(
                trainer.instances(train, features, categories, LabeledTicket::label), prior, categorySelection.strength);
        MaxEnt priority = null;
        if (priorities != null) {
            progress("fitting the priority model, " + prioritySelection.describePrior());
            priority = TicketModelTrainer.train(
                    trainer.instances(train, features, priorities, LabeledTicket::priority), prior, prioritySelection.strength);
        }

        // 3. Measure on the held-out tickets through the serving code.
        ModelCard card = new ModelCard(
                modelVersion != null ? modelVersion : derivedVersion(dataset, heldOutSha, settings),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                labelsOf(category.getLabelAlphabet()),
                priorityLabels,
                new ModelCard.TrainingData(fileName(data), dataset.sha256(), dataset.tickets().size(), train.size(),
                        heldOutName, heldOutSha, heldOut.size(), columns.textColumns(), columns.labelColumn(),
                        priority == null ? null : columns.priorityColumn()),
                MalletModelExporter.malletVersion(),
                new ModelCard.HyperParameters(prior == Prior.L1 ? L1_TRAINER : GAUSSIAN_TRAINER, categorySelection.strength,
                        prioritySelection == null ? null : prioritySelection.strength,
                        List.copyOf(grid(prior)), settings, features.pruning(), seed,
                        (k > 1 ? k + "-fold cross-validation on the training rows" : String.format(Locale.ROOT,
                                "a validation split of %.0f%% of the training rows", 100 * validationFraction))
                                + "; feature sets tried: " + String.join(", ", candidates.stream().map(FeatureSettings::describe).toList())
                                + "; priors tried: " + String.join(", ", priors().stream()
                                        .map(p -> p.id() + " " + grid(p)).toList()),
                        categoryTemperature, priorityTemperature, prior.id()),
                null,
                threshold.threshold(),
                threshold.toCard());
        progress("scoring " + heldOut.size() + " held-out tickets");
        MaxEntTicketClassifier model = MalletModelExporter.classifier(category, priority, card);
        ModelScorer.Scores scores = ModelScorer.score(model, heldOut);
        Metrics categoryMetrics = scores.categoryMetrics(model.categories());
        Metrics priorityMetrics = priority == null ? null : scores.priorityMetrics(model.priorities());
        card = withMetrics(card, new ModelCard.HeldOutMetrics(categoryMetrics.toCard(),
                priorityMetrics == null ? null : priorityMetrics.toCard()));

        // 4. Write, read back through the serving loader, and check it answers as the model in memory did.
        progress("writing " + out);
        MalletModelExporter.write(out, category, priority, card, "ticket-triage train");
        long loadStart = System.nanoTime();
        MaxEntTicketClassifier reloaded = MaxEntTicketClassifier.load(out);
        double loadMillis = (System.nanoTime() - loadStart) / 1e6;
        checkSameAnswers(model, reloaded, heldOut);

        report(stdout, card, categorySelection, prioritySelection, threshold, categoryMetrics, priorityMetrics,
                ReviewThresholds.at(scores.category(), card.reviewThreshold()), loadMillis, category, priority);
        progress("done");
    }

    /**
     * The features, prior and prior strength chosen for one head and the validation (out-of-fold) answers of the
     * chosen model, null without a validation search.
     */
    private record Selection(FeatureSettings features, Prior prior, double strength, List<ScoredTicket> validation,
                             List<Map<String, Double>> probabilities) {

        Selection(FeatureSettings features, Prior prior, double strength) {
            this(features, prior, strength, null, null);
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

    private List<FeatureSettings> featureCandidates() {
        List<String> specs = featureSpecs != null ? featureSpecs : List.of(DEFAULT_FEATURES.split(","));
        List<FeatureSettings> candidates = new ArrayList<>();
        for (String spec : specs) {
            FeatureSettings f;
            try {
                f = FeatureSettings.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(this.spec.commandLine(), "--features: " + e.getMessage());
            }
            boolean binary = f.binary() && !counts;
            f = new FeatureSettings(f.wordBigrams() && !noBigrams, f.subjectFeatures() && !noSubjectFeatures, binary,
                    f.charNgramMin(), f.charNgramMax(), f.sublinear(), f.idf(), f.normalize());
            if (!candidates.contains(f)) {
                candidates.add(f);
            }
        }
        return candidates;
    }

    /** The priors that {@code --prior} asks for; empty when it names none. */
    private List<Prior> priors() {
        if ("auto".equalsIgnoreCase(priorOption)) {
            return List.of(Prior.GAUSSIAN, Prior.L1);
        }
        Prior prior = Prior.byId(priorOption);
        return prior == null ? List.of() : List.of(prior);
    }

    /**
     * Fails when {@code dataset} has a priority that is not on {@code --priority-scale}: the card could not place it.
     *
     * @throws DatasetException naming the labels
     */
    private void requireOnScale(Dataset dataset) {
        List<String> unknown = priorityScale.unknown(dataset.tickets().stream()
                .map(LabeledTicket::priority).filter(Objects::nonNull).sorted().toList());
        if (!unknown.isEmpty()) {
            throw new DatasetException(data + " has priorities that are not on --priority-scale "
                    + String.join(",", priorityScale.labels()) + ": " + unknown + " (compared ignoring case); "
                    + "add them to the scale in their place, lowest first.");
        }
    }

    /**
     * The priority head's labels lowest first, as the model card lists them: on {@code --priority-scale}, else in
     * the order recognised from the labels, else alphabetical with a warning saying how to give the order.
     */
    private List<String> lowestFirst(List<String> labels) {
        String how = "--priority-scale";
        PriorityOrder scale = priorityScale;
        if (scale == null) {
            how = "recognised";
            scale = PriorityOrder.recognise(labels).orElse(null);
        }
        if (scale == null) {
            List<String> alphabetical = labels.stream().sorted().toList();
            err.println("warning: the order of the priority labels " + alphabetical + " is unknown; the model card lists "
                    + "them alphabetically. Give the order with --priority-scale, lowest first, e.g. --priority-scale "
                    + "low,medium,high.");
            return alphabetical;
        }
        List<String> ordered = scale.lowestFirst(labels);
        progress("priority labels, lowest first (" + how + "): " + String.join(", ", ordered));
        return ordered;
    }

    /** The strengths tried for {@code prior}, as given. */
    private List<Double> grid(Prior prior) {
        return prior == Prior.L1 ? l1Grid : priorGrid;
    }

    private Selection selectPrior(String head, List<FeatureSettings> candidates, List<Prior> priors,
                                  List<GroupedStratifiedSplit.Parts> folds, Function<LabeledTicket, String> labelOf,
                                  PrintWriter stdout) {
        List<List<LabeledTicket>> fits = new ArrayList<>();
        List<List<LabeledTicket>> checks = new ArrayList<>();
        List<LabelAlphabet> labels = new ArrayList<>();
        int checked = 0;
        for (GroupedStratifiedSplit.Parts fold : folds) {
            List<LabeledTicket> check = fold.second().stream().filter(t -> labelOf.apply(t) != null).toList();
            LabelAlphabet foldLabels = TicketModelTrainer.labels(fold.first(), labelOf);
            if (!check.isEmpty() && foldLabels.size() >= 2) {
                fits.add(fold.first());
                checks.add(check);
                labels.add(foldLabels);
                checked += check.size();
            }
        }
        boolean single = priors.size() == 1 && grid(priors.get(0)).stream().distinct().count() == 1 && candidates.size() == 1;
        if (fits.isEmpty() || single) {
            Prior prior = priors.get(0);
            List<Double> grid = prior.strongestFirst(grid(prior));
            // Without validation data: 1 when it is offered (MALLET's default variance), else the strongest prior.
            double strength = grid.contains(1.0) ? 1.0 : grid.get(0);
            stdout.printf(Locale.ROOT, "%s prior: %s %s %s, features %s (no validation search: %s)%n", head, prior.id(),
                    prior.strengthName(), strength, candidates.get(0).describe(),
                    fits.isEmpty() ? "too few training rows to hold some out" : "a single value given");
            return new Selection(candidates.get(0), prior, strength);
        }
        String how = fits.size() == 1
                ? String.format(Locale.ROOT, "%d fitting, %d validation tickets", fits.get(0).size(), checked)
                : String.format(Locale.ROOT, "%d-fold cross-validation over %d tickets", fits.size(), checked);
        stdout.printf(Locale.ROOT, "%s model selection (%s):%n", head, how);
        Selection best = null;
        double bestAccuracy = -1;
        double bestLogLoss = Double.POSITIVE_INFINITY;
        for (FeatureSettings candidate : candidates) {
            progress(String.format(Locale.ROOT, "%s: features %s (%s)", head, candidate.describe(), how));
            TicketModelTrainer trainer = new TicketModelTrainer(candidate, minCount);
            List<InstanceList> instances = new ArrayList<>();
            int featureCount = 0;
            for (int f = 0; f < fits.size(); f++) {
                TicketModelTrainer.Features features = trainer.features(fits.get(f));
                instances.add(trainer.instances(fits.get(f), features, labels.get(f), labelOf));
                featureCount += features.alphabet().size();
            }
            for (Prior prior : priors) {
                double candidateBest = -1;
                int worseInARow = 0;
                for (double strength : prior.strongestFirst(grid(prior))) {
                    long fitStart = System.nanoTime();
                    List<ScoredTicket> outOfFold = new ArrayList<>();
                    List<Map<String, Double>> outOfFoldProbabilities = new ArrayList<>();
                    double logLossSum = 0;
                    long nonZero = 0;
                    for (int f = 0; f < fits.size(); f++) {
                        MaxEnt classifier = TicketModelTrainer.train(instances.get(f), prior, strength);
                        nonZero += TicketModelTrainer.nonZeroWeights(classifier);
                        List<String> names = labelsOf(classifier.getLabelAlphabet());
                        // Each head is scored alone, as the category head of a stand-in model, through the serving code.
                        MaxEntTicketClassifier model = MalletModelExporter.classifier(classifier, null, validationCard(names));
                        ModelScorer.Scores scores = ModelScorer.score(model, relabelled(checks.get(f), labelOf));
                        outOfFold.addAll(scores.category());
                        outOfFoldProbabilities.addAll(scores.categoryProbabilities());
                        logLossSum += scores.logLoss() * scores.category().size();
                    }
                    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
                    double accuracy = outOfFold.stream().filter(ScoredTicket::correct).count() / (double) outOfFold.size();
                    double logLoss = logLossSum / outOfFold.size();
                    String setting = String.format(Locale.ROOT, "%-8s %-10s %-6s", prior.id(), prior.strengthName(), strength);
                    stdout.printf(Locale.ROOT, "  %-45s %s accuracy %.4f  log-loss %.4f  (%d features, %d non-zero weights)%n",
                            candidate.describe(), setting, accuracy, logLoss, featureCount / fits.size(), nonZero / fits.size());
                    stdout.flush();
                    progress(String.format(Locale.ROOT, "  %s, %s %s %s: fitted in %.1f s", candidate.describe(), prior.id(),
                            prior.strengthName(), strength, fitSeconds));
                    if (accuracy > bestAccuracy + 1e-12 || (Math.abs(accuracy - bestAccuracy) <= 1e-12 && logLoss < bestLogLoss)) {
                        best = new Selection(candidate, prior, strength, outOfFold, outOfFoldProbabilities);
                        bestAccuracy = accuracy;
                        bestLogLoss = logLoss;
                    }
                    // On a large validation split accuracy is nearly unimodal in the prior's strength: two steps past
                    // this feature set's and prior's best without improving, weaker priors only cost fitting time (and
                    // fit longer). Cross-validation means a small training set, where fits are cheap and the accuracy
                    // curve of a few hundred tickets has spurious local peaks: there the whole grid is tried.
                    if (accuracy > candidateBest + 1e-12) {
                        candidateBest = accuracy;
                        worseInARow = 0;
                    } else if (++worseInARow >= 2 && fits.size() == 1) {
                        stdout.printf(Locale.ROOT, "  %-45s %-8s weaker priors skipped: two steps without improving%n",
                                candidate.describe(), prior.id());
                        break;
                    }
                }
            }
        }
        List<Double> grid = best.prior.strongestFirst(grid(best.prior));
        boolean atEdge = best.strength == grid.get(0) || best.strength == grid.get(grid.size() - 1);
        stdout.printf(Locale.ROOT, "  chosen: %s, %s (highest validation accuracy; ties go to the lower log-loss)%s%n",
                best.features.describe(), best.describePrior(),
                atEdge ? "; at the edge of the grid, so a value beyond it may do better ("
                        + (best.prior == Prior.L1 ? "--l1-grid" : "--prior-grid") + ")" : "");
        return best;
    }

    /** The tickets with {@code labelOf} as their label, so that a priority head can be scored like a category head. */
    private static List<LabeledTicket> relabelled(List<LabeledTicket> tickets, Function<LabeledTicket, String> labelOf) {
        List<LabeledTicket> out = new ArrayList<>(tickets.size());
        for (LabeledTicket t : tickets) {
            out.add(new LabeledTicket(t.row(), t.subject(), t.description(), labelOf.apply(t), null));
        }
        return out;
    }

    private static ModelCard validationCard(List<String> labels) {
        return new ModelCard("validation", null, labels, List.of(), null, null, null, null, ReviewThresholds.CAP, null);
    }

    private static ModelCard withMetrics(ModelCard c, ModelCard.HeldOutMetrics metrics) {
        return new ModelCard(c.modelVersion(), c.createdAt(), c.categoryLabels(), c.priorityLabels(), c.trainingData(),
                c.malletVersion(), c.hyperParameters(), metrics, c.reviewThreshold(), c.review());
    }

    private void checkSameAnswers(MaxEntTicketClassifier inMemory, MaxEntTicketClassifier reloaded, List<LabeledTicket> tickets) {
        for (LabeledTicket t : tickets.subList(0, Math.min(100, tickets.size()))) {
            Prediction a = inMemory.classify(t.subject(), t.description());
            Prediction b = reloaded.classify(t.subject(), t.description());
            if (!a.equals(b)) {
                throw new IllegalStateException("The model read back from " + out + " answers row " + t.row()
                        + " differently from the model in memory: " + a + " vs " + b);
            }
        }
    }

    private void warnAboutOverlap(List<LabeledTicket> train, List<LabeledTicket> heldOut) {
        Set<String> seen = new HashSet<>();
        train.forEach(t -> seen.add(GroupedStratifiedSplit.groupKey(t)));
        long overlap = heldOut.stream().filter(t -> seen.contains(GroupedStratifiedSplit.groupKey(t))).count();
        if (overlap > 0) {
            err.printf(Locale.ROOT, "warning: %d of %d test rows repeat a training description; the held-out figures "
                    + "are optimistic for them.%n", overlap, heldOut.size());
        }
    }

    private void report(PrintWriter stdout, ModelCard card, Selection categorySelection, Selection prioritySelection,
                        ReviewThresholds.Choice threshold, Metrics categoryMetrics, Metrics priorityMetrics,
                        ReviewThresholds.AtThreshold atThreshold, double loadMillis, MaxEnt category, MaxEnt priority)
            throws IOException {
        stdout.println();
        stdout.println("model " + card.modelVersion() + ": category " + categorySelection.describePrior()
                + (prioritySelection == null ? ", no priority model" : "; priority " + prioritySelection.describePrior()));
        stdout.printf(Locale.ROOT, "non-zero weights: category %d of %d%s%n", TicketModelTrainer.nonZeroWeights(category),
                category.getParameters().length, priority == null ? "" : String.format(Locale.ROOT, ", priority %d of %d",
                        TicketModelTrainer.nonZeroWeights(priority), priority.getParameters().length));
        ModelCard.Pruning pruning = card.hyperParameters().pruning();
        stdout.printf(Locale.ROOT, "features: %d kept of %d (seen at least %d times)%n",
                pruning.featuresAfter(), pruning.featuresBefore(), pruning.minFeatureCount());
        stdout.println();
        stdout.print(categoryMetrics.render("held-out category"));
        if (priorityMetrics != null) {
            stdout.println();
            stdout.print(priorityMetrics.render("held-out priority"));
        }
        stdout.println();
        if (threshold.reached()) {
            stdout.printf(Locale.ROOT, "review threshold %.4f: the lowest confidence at which validation precision reaches "
                    + "%.2f (%.4f on %.1f%% of %d validation tickets)%n", card.reviewThreshold(), reviewPrecision,
                    threshold.precision(), 100 * threshold.coverage(), threshold.rows());
        } else {
            stdout.printf(Locale.ROOT, "review threshold %.4f: CAPPED, no threshold reaches precision %.2f on the %d "
                    + "validation tickets (precision above the cap: %.4f, coverage %.1f%%)%n", card.reviewThreshold(),
                    reviewPrecision, threshold.rows(), threshold.precision(), 100 * threshold.coverage());
        }
        stdout.printf(Locale.ROOT, "held out at that threshold: the model decides %.1f%% of tickets alone, %.2f%% of them "
                + "correctly; the rest go to review or rules%n", 100 * atThreshold.coverage(), 100 * atThreshold.accuracy());
        stdout.println();
        stdout.printf(Locale.ROOT, "wrote %s: %s %s, %s; loads in %.0f ms%n", out,
                ModelDirectory.MODEL_FILE, size(out.resolve(ModelDirectory.MODEL_FILE)), ModelDirectory.CARD_FILE, loadMillis);
    }

    private static String size(Path file) throws IOException {
        long bytes = Files.size(file);
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    private void progress(String message) {
        err.printf(Locale.ROOT, "[train %6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
        err.flush();
    }

    private String derivedVersion(Dataset dataset, String heldOutSha, FeatureSettings settings) {
        String basis = String.join("|", dataset.sha256(), String.valueOf(heldOutSha), columnOptions.describe(), String.valueOf(folds), String.valueOf(featureSpecs), String.valueOf(seed), String.valueOf(priorGrid), String.valueOf(minCount),
                String.valueOf(settings), String.valueOf(testFraction), String.valueOf(validationFraction),
                String.valueOf(reviewPrecision));
        if (!priorOption.equalsIgnoreCase(Prior.GAUSSIAN.id())) {
            // Only when set: models trained before --prior existed keep their version on a rerun.
            basis += "|" + priorOption.toLowerCase(Locale.ROOT) + "|" + l1Grid;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "maxent-" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static List<String> labelsOf(LabelAlphabet labels) {
        List<String> names = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            names.add(String.valueOf(labels.lookupObject(i)));
        }
        return names;
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }
}
