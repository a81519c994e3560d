package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tickettriage.classifier.MalletModelExporter;
import org.tickettriage.classifier.MalletReferenceScores;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.Tokenizer;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.training.cli.ColumnOptions;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.Dataset;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;
import org.tickettriage.training.evaluate.Metrics;
import org.tickettriage.training.evaluate.ModelScorer;
import org.tickettriage.training.evaluate.ReviewThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: fits the category and priority heads (MaxEnt, or linear SVM weights served the same way) on a
 * labelled CSV and writes the model directory.
 *
 * <p>Without {@code --test} a grouped, stratified 80/20 split holds out tickets whose descriptions the model never
 * sees. The training part is split again to choose each head's prior (Gaussian or L1, or an SVM) and its strength, and the
 * review threshold, on validation tickets ({@link ModelSelection}); the heads are then refitted on the whole training
 * part and measured on the held-out tickets through {@link MaxEntTicketClassifier}, the serving code, over the heads
 * exported to the model format. Finally, unless
 * {@code --no-refit}, the same settings are fitted on every row, held-out rows included, and that model is shipped:
 * the card records both row counts ({@link ModelCard.FinalFit}). With {@code --test} the training part already is
 * every row of {@code --data}. Fits run on {@code --threads} threads; same data, options and seed: same metrics,
 * whatever the number of threads.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the category and priority models (MaxEnt or linear SVM, chosen on validation data) on a labelled CSV and writes the model directory "
                + "(model.bin, model-card.json). Metrics go to stdout, progress to stderr.")
public final class TrainCommand implements Callable<Integer> {

    /**
     * Tried by default: the words-only model of the first release and the TF-IDF model with character n-grams, 2-5 since
     * the linear SVM (on helpdesk_en_de's training folds every fold chose 2-5 over 3-5; docs/results/svm/).
     */
    static final String DEFAULT_FEATURES = "words+bigrams+subject+binary,words+bigrams+subject+chars2-5+log+idf+norm";

    static final int DEFAULT_FOLDS = 5;
    static final int CROSS_VALIDATION_BELOW_ROWS = 3000;

    /**
     * Keep every feature. Searching 1 and 2 on validation data chose 1 in every fold on helpdesk_en_de and on banking77
     * (docs/results/training-defaults/), for twice the training time; {@code --min-count 1,2} still searches.
     */
    static final String DEFAULT_MIN_COUNTS = "1";
    static final String DEFAULT_PRIOR_GRID = "0.003,0.01,0.03,0.1,0.3,1,3,10,30,100,300,1000,3000";
    /** Label-frequency corrections tried on the validation answers (LabelBalance). */
    static final String DEFAULT_BALANCE = "0,0.25,0.5,0.75,1";
    static final String DEFAULT_L1_GRID = "0.01,0.03,0.1,0.3,1,3,10";
    /**
     * SVM costs tried: around scikit-learn's LinearSVC default (1); on helpdesk_en_de's folds 0.1 to 1 were chosen,
     * and 0.01 and 10 never won (docs/results/svm/).
     */
    static final String DEFAULT_SVM_GRID = "0.03,0.1,0.3,1,3";

    private static final String GAUSSIAN_TRAINER = "MALLET MaxEntOptimizableByLabelLikelihood, L-BFGS, Gaussian prior (as MaxEntTrainer)";
    private static final String L1_TRAINER = "MALLET MaxEntOptimizableByLabelLikelihood, OWL-QN, L1 prior (as MaxEntL1Trainer)";
    private static final String SVM_TRAINER = "LIBLINEAR L2R_L2LOSS_SVC_DUAL, one-vs-rest linear SVM (as scikit-learn's "
            + "LinearSVC), margins served through the softmax with the fitted temperature";

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

    @Option(names = "--prior-grid", split = ",", defaultValue = DEFAULT_PRIOR_GRID, paramLabel = "V",
            description = "Gaussian prior variances tried on the validation split (default: ${DEFAULT-VALUE}).")
    private List<Double> priorGrid;

    @Option(names = "--prior", defaultValue = "gaussian,svm", paramLabel = "KIND",
            description = "How both heads are fitted: gaussian (MaxEnt with an L2 prior, --prior-grid), l1 (MaxEnt with "
                    + "sparse weights, --l1-grid), svm (a linear SVM, squared hinge loss, --svm-grid), or several of "
                    + "them comma-separated, each tried on the validation split and the best kept; auto is gaussian,l1 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String priorOption;

    @Option(names = "--l1-grid", split = ",", defaultValue = DEFAULT_L1_GRID, paramLabel = "W",
            description = "L1 weights tried on the validation split with --prior l1 or auto; larger is sparser "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Double> l1Grid;

    @Option(names = "--svm-grid", split = ",", defaultValue = DEFAULT_SVM_GRID, paramLabel = "C",
            description = "SVM costs C tried on the validation split with --prior svm; larger is weaker regularisation "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Double> svmGrid;

    @Option(names = "--min-count", split = ",", defaultValue = DEFAULT_MIN_COUNTS, paramLabel = "N",
            description = "Drop features seen fewer than N times in the training rows. Several, comma-separated, are "
                    + "each tried with every --features candidate on the validation split, the best kept; one value "
                    + "fixes it (default: ${DEFAULT-VALUE}).")
    private List<Integer> minCounts;

    @Option(names = "--balance", split = ",", defaultValue = DEFAULT_BALANCE, paramLabel = "ALPHA",
            description = "How far the category's answers are corrected for how often each label occurs in the training "
                    + "rows: probabilities divided by frequency^ALPHA, so that small queues are answered more often (0: "
                    + "none). Each value is tried on the validation answers, the one with the highest mean of accuracy "
                    + "and macro-F1 kept (default: ${DEFAULT-VALUE}).")
    private List<Double> balanceGrid;

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

    @Option(names = "--tokenizer", split = ",", defaultValue = "" + Tokenizer.LATEST_VERSION, paramLabel = "VERSION",
            description = "How words are found (docs/MODEL.md, \"Features\"): 2, Unicode-aware (accents and case folded, "
                    + "character bigrams for Chinese, Japanese, Thai, Lao, Khmer, Myanmar), or 1, the tokenizer of earlier "
                    + "releases (to compare, or to retrain an older model as it was). Several, comma-separated (1,2), are "
                    + "each tried with every --features candidate on the validation split; a candidate that names its "
                    + "own (+tokenizer1) keeps it (default: ${DEFAULT-VALUE}).")
    private List<Integer> tokenizerVersions;

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

    @Option(names = "--no-refit", negatable = false,
            description = "Ship the model measured on the held-out tickets, fitted on the training part only. By default "
                    + "the chosen settings are fitted again on every row, held-out rows included, and that model is "
                    + "shipped (the model card records both row counts). With --test the two are the same.")
    private boolean noRefit;

    @Option(names = "--no-warm-start", negatable = false,
            description = "Fit every setting from zero weights. By default each fit along a prior grid starts from the "
                    + "previous optimum and the final fits from the chosen validation model, which is several times "
                    + "faster; the optimiser then stops at a slightly different point within its tolerance, so "
                    + "validation figures differ in the third decimal. This reproduces the figures of earlier releases.")
    private boolean noWarmStart;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many fits run at once, in model selection and the final fits (default: the number of "
                    + "cores). The result does not depend on it.")
    private Integer threadsOption;

    @Option(names = "--model-version", paramLabel = "ID",
            description = "The model's version (default: derived from the data and options).")
    private String modelVersion;

    @Option(names = "--mallet-reference", hidden = true, arity = "2", paramLabel = "FILE",
            description = "TICKETS.csv[.gz] OUT.csv[.gz]: also write MALLET's own probabilities for these tickets (columns "
                    + "Ticket_ID, Subject, Description), for a test that compares them with the model file's (docs/MODEL.md).")
    private List<Path> malletReference;

    private PriorityOrder priorityScale;
    private long startNanos;
    private PrintWriter err;
    private boolean refit;
    private int threads;
    private ExecutorService executor;
    private StageTimes stages;

    @Override
    public Integer call() {
        validateOptions();
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        startNanos = System.nanoTime();
        refit = !noRefit;
        threads = threadsOption != null ? threadsOption : Runtime.getRuntime().availableProcessors();
        // A fork-join pool: a fit whose chain runs alone also sums its objective on the idle threads
        // (MaxEntLabelLikelihood), and waiting inside it for those parts never blocks a thread.
        executor = new ForkJoinPool(threads);
        stages = new StageTimes();
        // A dataset that cannot be used fails the command (exit 1) through the entry point.
        try {
            run(stdout);
            return ExitCodes.SUCCESS;
        } catch (IOException e) {
            throw new ToolException("cannot write the model to " + out + ": " + e.getMessage(), e);
        } finally {
            executor.shutdownNow();
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
            throw new ParameterException(spec.commandLine(),
                    "--prior must be gaussian, l1, svm, several of them comma-separated, or auto, not '" + priorOption + "'");
        }
        if (l1Grid.isEmpty() || l1Grid.stream().anyMatch(w -> !(w > 0) || w.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--l1-grid needs positive weights");
        }
        if (svmGrid.isEmpty() || svmGrid.stream().anyMatch(c -> !(c > 0) || c.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--svm-grid needs positive costs");
        }
        if (minClassRows < 1) {
            throw new ParameterException(spec.commandLine(), "--min-class-rows must be at least 1");
        }
        if (folds != null && folds < 1) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 1");
        }
        if (threadsOption != null && threadsOption < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (balanceGrid.isEmpty() || balanceGrid.stream().anyMatch(a -> !(a >= 0) || a.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--balance values must be 0 or more");
        }
        if (minCounts.isEmpty() || minCounts.stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(spec.commandLine(), "--min-count must be at least 1");
        }
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction > 0 && validationFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--test-fraction and --validation-fraction must be in (0, 1)");
        }
        if (tokenizerVersions.isEmpty() || tokenizerVersions.stream().anyMatch(v -> !Tokenizer.isKnownVersion(v))) {
            throw new ParameterException(spec.commandLine(), "--tokenizer must be 1 or " + Tokenizer.LATEST_VERSION
                    + " (or both: 1," + Tokenizer.LATEST_VERSION + "), not " + tokenizerVersions);
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
        // The model shipped is fitted on every row unless --no-refit: with --test the training part already is.
        List<LabeledTicket> shippedRows = refit ? usable : train;
        boolean separateShippedModel = shippedRows.size() != train.size();
        LabelAlphabet shippedPriorities = priorities == null ? null
                : TicketModelTrainer.labels(shippedRows, LabeledTicket::priority);
        List<String> priorityLabels = priorities == null ? List.of() : lowestFirst(labelsOf(shippedPriorities));
        err.printf(Locale.ROOT, "training on %d tickets, measuring on %d (%s)%s%n", train.size(), heldOut.size(), heldOutName,
                separateShippedModel ? String.format(Locale.ROOT, "; the model shipped is then fitted on all %d",
                        shippedRows.size()) : "");

        List<FeatureSettings> featureSets = featureCandidates();
        List<ModelSelection.Candidate> candidates = featureSets.stream().flatMap(f -> minCounts.stream().distinct()
                .map(n -> new ModelSelection.Candidate(f, n))).toList();
        stages.lap("read and split");

        // 1. Choose the features, the prior strengths and the review threshold on a validation split of the training
        // part. The priority head shares the category head's features (one featurization serves both).
        int k = folds != null ? folds : train.size() < CROSS_VALIDATION_BELOW_ROWS ? DEFAULT_FOLDS : 1;
        List<GroupedStratifiedSplit.Parts> validation = k > 1
                ? GroupedStratifiedSplit.folds(train, k, seed + 1, LabeledTicket::label)
                : List.of(GroupedStratifiedSplit.split(train, validationFraction, seed + 1, LabeledTicket::label));
        // Every row is tokenized once per feature set, on first use; folds and final fits count and vectorize from it.
        Map<FeatureSettings, CompletableFuture<TokenizedTickets>> tokenizations = new HashMap<>();
        Function<FeatureSettings, CompletableFuture<TokenizedTickets>> tokenized = s -> tokenizations.computeIfAbsent(s,
                key -> CompletableFuture.supplyAsync(() -> TokenizedTickets.of(key, usable), executor));
        ModelSelection selection = new ModelSelection(validation, tokenized, this::grid, !noWarmStart, executor,
                this::progress);
        ModelSelection.Selection selected = selection.select("category", candidates, priors(),
                LabeledTicket::label, stdout);
        // The label-frequency correction, chosen on the same validation answers (no fit): the temperature and the
        // review threshold below are then fitted on the corrected answers, as the model will give them.
        Map<String, Double> trainFrequencies = LabelBalance.frequencies(train, LabeledTicket::label);
        LabelBalance.Choice balance = LabelBalance.choose("category", selected.validation(), selected.probabilities(),
                trainFrequencies, balanceGrid, labelsOf(categories),
                selected.prior() == Prior.SVM ? selected.temperature() : 1.0, stdout);
        ModelSelection.Selection categorySelection = balance.validation() == null ? selected
                : new ModelSelection.Selection(selected.candidate(), selected.prior(), selected.strength(),
                        balance.validation(), balance.probabilities(), selected.model());
        FeatureSettings settings = categorySelection.features();
        int minCount = categorySelection.minCount();
        Prior prior = categorySelection.prior();
        stages.lap("selection: category", fits(selection.fitCount(), selection.fitSeconds()));

        // 2. The final fits start now, on the executor, while the priority head is selected: the model measured on the
        // held-out tickets (fitted on the training part) and the model shipped, fitted on every row (the same model
        // with --test, where the training part is all of --data, or with --no-refit).
        long selectionFits = selection.fitCount();
        double selectionFitSeconds = selection.fitSeconds();
        FinalFits finalFits = new FinalFits(tokenized.apply(settings), minCount, !noWarmStart, executor, this::progress);
        CompletableFuture<FeaturizedTickets> measuredFeatures = finalFits.featurize(train);
        CompletableFuture<FeaturizedTickets> shippedFeatures = separateShippedModel
                ? finalFits.featurize(shippedRows) : measuredFeatures;
        LabelAlphabet shippedCategories = TicketModelTrainer.labels(shippedRows, LabeledTicket::label);
        CompletableFuture<MaxEnt> measuredCategory = finalFits.fit(measuredFeatures, categories, LabeledTicket::label,
                categorySelection, "the category model to measure");
        CompletableFuture<MaxEnt> shippedCategory = separateShippedModel
                ? finalFits.fit(shippedFeatures, shippedCategories, LabeledTicket::label, categorySelection,
                        "the category model to ship, on every row")
                : measuredCategory;

        // The priority head takes the category head's prior kind as it takes its features: the card records one.
        ModelSelection.Selection prioritySelection = null;
        CompletableFuture<MaxEnt> measuredPriority = CompletableFuture.completedFuture(null);
        CompletableFuture<MaxEnt> shippedPriority = measuredPriority;
        if (priorities != null) {
            prioritySelection = selection.select("priority", List.of(categorySelection.candidate()), List.of(prior),
                    LabeledTicket::priority, stdout);
            stages.lap("selection: priority", fits(selection.fitCount() - selectionFits,
                    selection.fitSeconds() - selectionFitSeconds));
            measuredPriority = finalFits.fit(measuredFeatures, priorities, LabeledTicket::priority, prioritySelection,
                    "the priority model to measure");
            shippedPriority = separateShippedModel
                    ? finalFits.fit(shippedFeatures, shippedPriorities, LabeledTicket::priority, prioritySelection,
                            "the priority model to ship, on every row")
                    : measuredPriority;
        }

        // Calibrate first, then choose the threshold on the calibrated validation confidences the model will serve.
        double categoryTemperature = categorySelection.temperature();
        Double priorityTemperature = prioritySelection == null ? null : prioritySelection.temperature();
        stdout.printf(Locale.ROOT, "temperature (fitted on the validation answers' log-loss): category %.3f%s%n",
                categoryTemperature, priorityTemperature == null ? "" : String.format(Locale.ROOT, ", priority %.3f", priorityTemperature));
        ReviewThresholds.Choice threshold = categorySelection.validation() == null
                ? new ReviewThresholds.Choice(ReviewThresholds.CAP, false, 0, 0, 0, reviewPrecision)
                : ReviewThresholds.choose(TemperatureScaling.apply(categorySelection.validation(),
                        categorySelection.probabilities(), categoryTemperature), reviewPrecision);

        MaxEnt category = ModelSelection.join(shippedCategory);
        MaxEnt priority = ModelSelection.join(shippedPriority);
        MaxEnt measuredCategoryModel = ModelSelection.join(measuredCategory);
        // Each model carries the correction for the label frequencies of the rows it was fitted on.
        LabelBalance.apply(measuredCategoryModel, trainFrequencies, balance.alpha());
        if (category != measuredCategoryModel) {
            LabelBalance.apply(category, LabelBalance.frequencies(shippedRows, LabeledTicket::label), balance.alpha());
        }
        MaxEnt measuredPriorityModel = ModelSelection.join(measuredPriority);
        FeaturizedTickets shipped = ModelSelection.join(shippedFeatures);
        stages.lap(separateShippedModel ? "final fits: measured and shipped" : "final fit",
                fits(finalFits.fitCount(), finalFits.fitSeconds()));

        // 3. Measure on the held-out tickets through the serving code, with the temperature and threshold the shipped
        // model carries: they were set on validation answers, and are kept for the shipped model (see calibration()).
        ModelCard card = new ModelCard(
                modelVersion != null ? modelVersion : derivedVersion(dataset, heldOutSha, settings, separateShippedModel),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                labelsOf(category.getLabelAlphabet()),
                priorityLabels,
                new ModelCard.TrainingData(fileName(data), dataset.sha256(), dataset.tickets().size(), shippedRows.size(),
                        heldOutName, heldOutSha, heldOut.size(), columns.textColumns(), columns.labelColumn(),
                        priority == null ? null : columns.priorityColumn()),
                MalletModelExporter.malletVersion(),
                new ModelCard.HyperParameters(switch (prior) {
                    case GAUSSIAN -> GAUSSIAN_TRAINER;
                    case L1 -> L1_TRAINER;
                    case SVM -> SVM_TRAINER;
                }, categorySelection.strength(),
                        prioritySelection == null ? null : prioritySelection.strength(),
                        List.copyOf(grid(prior)), settings, shipped.features().pruning(), seed,
                        (k > 1 ? k + "-fold cross-validation on the training rows" : String.format(Locale.ROOT,
                                "a validation split of %.0f%% of the training rows", 100 * validationFraction))
                                + "; feature sets tried: " + String.join(", ", featureSets.stream().map(FeatureSettings::describe).toList())
                                + minCountsTried() + balanceTried()
                                + "; priors tried: " + String.join(", ", priors().stream()
                                        .map(p -> p.id() + " " + grid(p)).toList()),
                        categoryTemperature, priorityTemperature, prior.id(),
                        balance.alpha() == 0 ? null : balance.alpha()),
                null,
                threshold.threshold(),
                threshold.toCard(),
                new ModelCard.FinalFit(test != null || refit, shippedRows.size(), train.size(),
                        calibration(validation, categorySelection, train.size(), shippedRows.size())));
        progress("scoring " + heldOut.size() + " held-out tickets");
        MaxEntTicketClassifier measured = MalletModelExporter.classifier(measuredCategoryModel, measuredPriorityModel,
                withLabels(card, labelsOf(measuredCategoryModel.getLabelAlphabet()), measuredPriorityModel == null ? List.of()
                        : card.priorityLabels().stream().filter(labelsOf(measuredPriorityModel.getLabelAlphabet())::contains).toList()));
        ModelScorer.Scores scores = ModelScorer.score(measured, heldOut);
        Metrics categoryMetrics = scores.categoryMetrics(measured.categories());
        Metrics priorityMetrics = priority == null ? null : scores.priorityMetrics(measured.priorities());
        card = withMetrics(card, new ModelCard.HeldOutMetrics(categoryMetrics.toCard(),
                priorityMetrics == null ? null : priorityMetrics.toCard()));
        stages.lap("measure held-out tickets");

        // 4. Write, read back through the serving loader, and check it answers as the model in memory did.
        double loadMillis = writeModel(category, priority, card, heldOut);
        if (malletReference != null) {
            progress("writing MALLET's probabilities for " + malletReference.get(0) + " to " + malletReference.get(1));
            MalletReferenceScores.write(malletReference.get(0), malletReference.get(1), category, categoryTemperature,
                    priority, priorityTemperature);
        }
        stages.lap("write and check the model");

        report(stdout, card, categorySelection, prioritySelection, threshold, categoryMetrics, priorityMetrics,
                ReviewThresholds.at(scores.category(), card.reviewThreshold()), loadMillis, category, priority);
        progress("done");
        stages.print(err, String.format(Locale.ROOT, "stage times (wall clock; fits on %d thread%s):", threads,
                threads == 1 ? "" : "s"));
    }

    /**
     * Step 4 of {@link #run}: writes the model directory, reads it back through the serving loader and checks that it
     * answers as the model in memory does on some of {@code tickets}.
     *
     * @return how long the serving loader took to read the directory, in milliseconds
     */
    private double writeModel(MaxEnt category, MaxEnt priority, ModelCard card, List<LabeledTicket> tickets)
            throws IOException {
        progress("writing " + out);
        MalletModelExporter.write(out, category, priority, card, "ticket-triage train");
        long loadStart = System.nanoTime();
        MaxEntTicketClassifier reloaded = MaxEntTicketClassifier.load(out);
        double loadMillis = (System.nanoTime() - loadStart) / 1e6;
        checkSameAnswers(MalletModelExporter.classifier(category, priority, card), reloaded, tickets);
        return loadMillis;
    }

    /**
     * How the shipped model's temperature and review threshold were set, for the card. They are kept from the
     * validation fit rather than re-estimated: the held-out metrics then measure exactly this carry-over (settings
     * fitted on the validation models' rows, applied to a model fitted on more rows), and the refit adds rows in about
     * the same proportion again; re-estimating them by cross-validation on every row would cost k more fits of the
     * full size for a shift that the held-out figures already bound.
     */
    private String calibration(List<GroupedStratifiedSplit.Parts> validation, ModelSelection.Selection selection,
                               int measuredRows, int shippedRows) {
        if (selection.validation() == null) {
            return "no validation search: temperature 1, review threshold at its cap";
        }
        int validationModelRows = validation.get(0).first().size();
        String base = String.format(Locale.ROOT, "temperature and review threshold fitted on the validation answers of "
                + "models fitted on about %d rows (%s)", validationModelRows,
                validation.size() > 1 ? validation.size() + "-fold cross-validation" : "one validation split");
        return shippedRows == measuredRows
                ? base + "; the held-out metrics measure them on the shipped model"
                : base + String.format(Locale.ROOT, ", kept for the model refitted on every row (%d rows); the held-out "
                        + "metrics measure the same carry-over to a model fitted on %d rows", shippedRows, measuredRows);
    }

    private static String fits(long count, double seconds) {
        return String.format(Locale.ROOT, "%d fits, %.1f s of fitting summed over threads", count, seconds);
    }

    private List<FeatureSettings> featureCandidates() {
        List<String> specs = featureSpecs != null ? featureSpecs : List.of(DEFAULT_FEATURES.split(","));
        List<FeatureSettings> candidates = new ArrayList<>();
        for (String spec : specs) {
            for (int tokenizer : tokenizerVersions) {
                FeatureSettings f;
                try {
                    f = FeatureSettings.parse(spec, tokenizer);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(this.spec.commandLine(), "--features: " + e.getMessage());
                }
                boolean binary = f.binary() && !counts;
                f = new FeatureSettings(f.wordBigrams() && !noBigrams, f.subjectFeatures() && !noSubjectFeatures, binary,
                        f.charNgramMin(), f.charNgramMax(), f.sublinear(), f.idf(), f.normalize(), f.tokenizerVersion());
                if (!candidates.contains(f)) {
                    candidates.add(f);
                }
            }
        }
        return candidates;
    }

    /** The priors that {@code --prior} asks for; empty when it names none. */
    private List<Prior> priors() {
        if ("auto".equalsIgnoreCase(priorOption.strip())) {
            return List.of(Prior.GAUSSIAN, Prior.L1);
        }
        List<Prior> priors = new ArrayList<>();
        for (String id : priorOption.split(",", -1)) {
            Prior prior = Prior.byId(id.strip());
            if (prior == null) {
                return List.of();
            }
            if (!priors.contains(prior)) {
                priors.add(prior);
            }
        }
        return priors;
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
        return switch (prior) {
            case GAUSSIAN -> priorGrid;
            case L1 -> l1Grid;
            case SVM -> svmGrid;
        };
    }

    private static ModelCard withMetrics(ModelCard c, ModelCard.HeldOutMetrics metrics) {
        return new ModelCard(c.modelVersion(), c.createdAt(), c.categoryLabels(), c.priorityLabels(), c.trainingData(),
                c.malletVersion(), c.hyperParameters(), metrics, c.reviewThreshold(), c.review(), c.finalFit());
    }

    /** The card with other labels: the measured model's, which may lack a label only the held-out rows have. */
    private static ModelCard withLabels(ModelCard c, List<String> categoryLabels, List<String> priorityLabels) {
        return new ModelCard(c.modelVersion(), c.createdAt(), categoryLabels, priorityLabels, c.trainingData(),
                c.malletVersion(), c.hyperParameters(), c.metrics(), c.reviewThreshold(), c.review(), c.finalFit());
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

    private void report(PrintWriter stdout, ModelCard card, ModelSelection.Selection categorySelection,
                        ModelSelection.Selection prioritySelection,
                        ReviewThresholds.Choice threshold, Metrics categoryMetrics, Metrics priorityMetrics,
                        ReviewThresholds.AtThreshold atThreshold, double loadMillis, MaxEnt category, MaxEnt priority)
            throws IOException {
        stdout.println();
        Double alpha = card.hyperParameters().categoryBalance();
        stdout.println("model " + card.modelVersion() + ": category " + categorySelection.describePrior()
                + (alpha == null ? "" : String.format(Locale.ROOT, ", label balance alpha %.4g%s", alpha,
                        categorySelection.prior() == Prior.SVM ? " (on the margins: the chosen alpha times the temperature)" : ""))
                + (prioritySelection == null ? ", no priority model" : "; priority " + prioritySelection.describePrior()));
        ModelCard.FinalFit fit = card.finalFit();
        if (fit.rows() != fit.measuredRows()) {
            stdout.printf(Locale.ROOT, "shipped: these settings fitted on every row (%d tickets); the held-out figures "
                    + "below measure them fitted on %d (--no-refit ships that model)%n", fit.rows(), fit.measuredRows());
        } else {
            stdout.printf(Locale.ROOT, "shipped: the model measured below, fitted on %d tickets%s%n", fit.rows(),
                    fit.everyRow() ? " (every row of " + card.trainingData().source() + ")" : " (--no-refit)");
        }
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

    private synchronized void progress(String message) {
        err.printf(Locale.ROOT, "[train %6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
        err.flush();
    }

    private String derivedVersion(Dataset dataset, String heldOutSha, FeatureSettings settings, boolean refitted) {
        String basis = String.join("|", dataset.sha256(), String.valueOf(heldOutSha), columnOptions.describe(), String.valueOf(folds), String.valueOf(featureSpecs), String.valueOf(seed), String.valueOf(priorGrid), minCountBasis(),
                versionBasis(settings), String.valueOf(testFraction), String.valueOf(validationFraction),
                String.valueOf(reviewPrecision));
        if (tokenizerVersions.size() > 1) {
            basis += "|tokenizers " + tokenizerVersions;
        }
        if (!priorOption.equalsIgnoreCase(Prior.GAUSSIAN.id())) {
            // Only when set: models trained before --prior existed keep their version on a rerun.
            basis += "|" + priorOption.toLowerCase(Locale.ROOT) + "|" + l1Grid;
        }
        if (!balanceGrid.stream().distinct().toList().equals(List.of(0.0))) {
            // Only when some correction was tried: models trained before --balance existed keep their version.
            basis += "|balance " + balanceGrid;
        }
        if (refitted) {
            // Another model than the one measured: fitted on every row.
            basis += "|every-row";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "maxent-" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The min-counts tried, for the card's selection line; nothing for one value, as cards said before the search. */
    private String minCountsTried() {
        List<Integer> tried = minCounts.stream().distinct().toList();
        return tried.size() == 1 ? ""
                : "; min-counts tried: " + tried.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The label balances tried, for the card's selection line; nothing when only 0 (none) was. */
    private String balanceTried() {
        List<Double> tried = balanceGrid.stream().distinct().sorted().toList();
        return tried.equals(List.of(0.0)) ? "" : "; label balance (alpha) tried: " + tried;
    }

    /** {@code --min-count} in a model version's basis: one value as it was written when it took only one. */
    private String minCountBasis() {
        return minCounts.size() == 1 ? String.valueOf(minCounts.get(0)) : String.valueOf(minCounts);
    }

    /**
     * The settings in a model version's basis: for tokenizer 1 as they were written before tokenizer 2 existed, so
     * that rerunning an older model's command with {@code --tokenizer 1} gives it its version again.
     */
    private static String versionBasis(FeatureSettings settings) {
        String written = String.valueOf(settings);
        return settings.tokenizerVersion() == 1 ? written.replace(", tokenizerVersion=1]", "]") : written;
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
