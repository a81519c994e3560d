package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.Prediction;
import org.tickettriage.tools.TriageTools;
import org.tickettriage.training.Fixtures;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path dir;

    /** Output of one run. */
    record Run(int exitCode, String out, String err) {
    }

    /** {@code triage train ARGS} through the tools' entry point. */
    static Run train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "train";
        System.arraycopy(args, 0, command, 1, args.length);
        CommandLine cli = TriageTools.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(command);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainsOnTheFixtureAndTheServingCodeLoadsAndUsesTheModel() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(model.resolve(ModelDirectory.MODEL_FILE)).isRegularFile();
        assertThat(model.resolve(ModelDirectory.CARD_FILE)).isRegularFile();
        assertThat(model.resolve(ModelDirectory.LEGACY_CATEGORY_FILE)).as("no Java-serialized files").doesNotExist();
        assertThat(model.resolve(ModelDirectory.LEGACY_PRIORITY_FILE)).doesNotExist();
        assertThat(run.out()).contains("held-out category: accuracy", "held-out priority: accuracy", "review threshold",
                "confusion matrix", "macro avg");
        assertThat(run.err()).contains("[train", "65 usable rows");

        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(model);
        Prediction p = classifier.classify("Refund for a double payment", "I was charged twice for my subscription invoice");
        assertThat(p.category()).isEqualTo("Billing Inquiry");
        assertThat(p.priority()).isIn("Low", "Medium", "High", "Critical");
        assertThat(classifier.categories()).containsExactly("Account Management", "Billing Inquiry", "Bug Report",
                "Feature Request", "Technical Issue");

        ModelCard card = ModelDirectory.readCard(model);
        assertThat(card.trainingData().rows()).isEqualTo(65);
        assertThat(card.trainingData().trainRows()).as("refitted on every row").isEqualTo(65);
        assertThat(card.finalFit().measuredRows() + card.trainingData().heldOutRows()).isEqualTo(65);
        assertThat(card.trainingData().sha256()).hasSize(64);
        assertThat(card.malletVersion()).isEqualTo("2.1.1");
        assertThat(card.hyperParameters().priorVarianceGrid()).contains(card.hyperParameters().categoryPriorVariance());
        assertThat(card.hyperParameters().prior()).isEqualTo("gaussian");
        assertThat(card.hyperParameters().trainer()).contains("L-BFGS, Gaussian prior");
        assertThat(card.hyperParameters().pruning().minFeatureCount()).as("every feature kept by default").isEqualTo(1);
        assertThat(card.hyperParameters().pruning().featuresAfter()).isEqualTo(card.hyperParameters().pruning().featuresBefore());
        assertThat(card.metrics().category().rows()).isEqualTo(card.trainingData().heldOutRows());
        assertThat(card.metrics().priority()).isNotNull();
        assertThat(card.reviewThreshold()).isBetween(0.0, 1.0);
        assertThat(card.review().targetPrecision()).isEqualTo(0.95);
    }

    @Test
    void byDefaultTheShippedModelIsRefittedOnEveryRowAndTheCardSaysSo() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelCard card = card(model);
        ModelCard.FinalFit fit = card.finalFit();
        int heldOut = card.trainingData().heldOutRows();
        assertThat(fit.everyRow()).isTrue();
        assertThat(fit.rows()).isEqualTo(65).isEqualTo(card.trainingData().trainRows());
        assertThat(fit.measuredRows()).isEqualTo(65 - heldOut);
        assertThat(fit.calibration()).contains("kept for the model refitted on every row (65 rows)",
                "fitted on " + (65 - heldOut) + " rows");
        assertThat(card.metrics().category().rows()).isEqualTo(heldOut);
        assertThat(run.out()).contains("shipped: these settings fitted on every row (65 tickets); the held-out figures "
                + "below measure them fitted on " + (65 - heldOut));
        assertThat(run.err()).contains("the model shipped is then fitted on all 65", "fitted the category model to ship",
                "fitted the priority model to ship");
    }

    @Test
    void noRefitShipsTheMeasuredModelAndTheCardSaysSo() throws IOException {
        Path refitted = dir.resolve("refitted");
        Path measured = dir.resolve("measured");

        train("--data", Fixtures.tickets().toString(), "--out", refitted.toString(), "--seed", "3");
        Run run = train("--data", Fixtures.tickets().toString(), "--out", measured.toString(), "--seed", "3", "--no-refit");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelCard card = card(measured);
        ModelCard.FinalFit fit = card.finalFit();
        assertThat(fit.everyRow()).isFalse();
        assertThat(fit.rows()).isEqualTo(fit.measuredRows()).isEqualTo(card.trainingData().trainRows());
        assertThat(fit.rows() + card.trainingData().heldOutRows()).isEqualTo(65);
        assertThat(run.out()).contains("shipped: the model measured below, fitted on " + fit.rows() + " tickets (--no-refit)");
        assertThat(run.err()).doesNotContain("to ship, on every row");
        // The same settings, the same held-out figures (they measure the same model), but another model shipped: the
        // refitted one counted the features of the held-out rows too.
        ModelCard other = card(refitted);
        assertThat(card.metrics()).isEqualTo(other.metrics());
        assertThat(card.hyperParameters().categoryPriorVariance()).isEqualTo(other.hyperParameters().categoryPriorVariance());
        assertThat(other.hyperParameters().pruning().featuresBefore())
                .isGreaterThan(card.hyperParameters().pruning().featuresBefore());
        assertThat(card.modelVersion()).isNotEqualTo(other.modelVersion());
    }

    @Test
    void withATestFileTheMeasuredModelIsAlreadyFittedOnEveryRow() throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(Fixtures.tickets(), model, "--test", Fixtures.tickets().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelCard.FinalFit fit = card(model).finalFit();
        assertThat(fit.everyRow()).isTrue();
        assertThat(fit.rows()).isEqualTo(fit.measuredRows()).isEqualTo(65);
        assertThat(run.out()).contains("shipped: the model measured below, fitted on 65 tickets (every row of "
                + "tickets-fixture.csv)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void oneThreadAndThreeChooseTheSameSettingsAndPrintTheSameFigures(String how, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--data", Fixtures.tickets().toString(), "--seed", "4",
                "--min-class-rows", "3", "--prior-grid", "0.1,0.3,1,3,10"));
        args.addAll(options);
        List<String> one = new ArrayList<>(args);
        one.addAll(List.of("--out", dir.resolve("one").toString(), "--threads", "1"));
        List<String> three = new ArrayList<>(args);
        three.addAll(List.of("--out", dir.resolve("three").toString(), "--threads", "3"));

        Run sequential = train(one.toArray(String[]::new));
        Run parallel = train(three.toArray(String[]::new));

        assertThat(sequential.exitCode()).as(sequential.err()).isZero();
        assertThat(sequential.err()).contains("fits on 1 thread)");
        assertThat(parallel.err()).contains("fits on 3 threads");
        assertThat(withoutLoadTime(parallel.out())).isEqualTo(withoutLoadTime(sequential.out()));
        ModelCard a = card(dir.resolve("one"));
        ModelCard b = card(dir.resolve("three"));
        assertThat(b.hyperParameters()).isEqualTo(a.hyperParameters());
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(b.reviewThreshold()).isEqualTo(a.reviewThreshold());
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("5-fold cross-validation, two feature sets", List.of()),
                Arguments.of("one validation split, two priors", List.of("--folds", "1", "--prior", "auto",
                        "--l1-grid", "0.3,1")));
    }

    @Test
    void theStageTimesArePrintedOnStandardError() {
        Run run = quickTrain(Fixtures.tickets(), dir.resolve("model"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsSubsequence("stage times (wall clock; fits on", "read and split",
                "final fits: measured and shipped", "measure held-out tickets", "write and check the model", "total");
        assertThat(run.out()).doesNotContain("stage times");
    }

    @Test
    void theSameCommandGivesTheSameMetrics() throws IOException {
        Run first = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("a").toString(), "--seed", "5");
        Run second = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("b").toString(), "--seed", "5");

        assertThat(withoutLoadTime(second.out())).isEqualTo(withoutLoadTime(first.out()));
        ModelCard a = card(dir.resolve("a"));
        ModelCard b = card(dir.resolve("b"));
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(b.reviewThreshold()).isEqualTo(a.reviewThreshold());
        assertThat(b.modelVersion()).isEqualTo(a.modelVersion());
    }

    @Test
    void withoutAPriorityColumnTrainsTheCategoryModelOnlyAndSaysSo() throws IOException {
        Path csv = dir.resolve("no-priority.csv");
        StringBuilder rows = new StringBuilder("text,label\n");
        for (String line : Files.readAllLines(Fixtures.tickets())) {
            // Keep the fixture's subjects as text and its categories as labels (columns 2 and 4 of simple lines).
            String[] f = line.split(",");
            if (f.length == 6 && !f[0].equals("Ticket_ID") && !line.contains("\"")) {
                rows.append(f[1]).append(' ').append(f[2]).append(',').append(f[3]).append('\n');
            }
        }
        Files.writeString(csv, rows);
        Path model = dir.resolve("model");

        Run run = train("--data", csv.toString(), "--out", model.toString(), "--text", "text", "--label", "label");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("No column 'Priority'", "category model only");
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(model);
        assertThat(classifier.hasPriorityModel()).isFalse();
        assertThat(classifier.classify("", "please refund my payment").priority()).isNull();
    }

    @Test
    void labelsWithTooFewRowsAreNamedAndLeftOutOfTheModel() throws IOException {
        Path csv = dir.resolve("rare.csv");
        String fixture = Files.readString(Fixtures.tickets());
        Files.writeString(csv, fixture.stripTrailing() + "\n9001,Odd one,Something unusual happened,Rare Label,Low,2025-01-01T00:00:00Z\n"
                + "9002,Odd two,Something else unusual,Rare Label,Low,2025-01-01T00:00:00Z\n");
        Path model = dir.resolve("model");

        Run run = train("--data", csv.toString(), "--out", model.toString(), "--min-class-rows", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Left out 1 'Category' label(s) with fewer than 3 rows", "'Rare Label' (2)");
        assertThat(MaxEntTicketClassifier.load(model).categories()).doesNotContain("Rare Label").hasSize(5);
    }

    @Test
    void smallTrainingSetsChooseTheSettingsByCrossValidationAndTheCardSaysSo() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(),
                "--features", "words+binary,words+chars3-4+log+idf+norm", "--prior-grid", "0.1,1", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3-fold cross-validation", "words+binary+tokenizer2, min-count 1 ",
                "words+chars3-4+log+idf+norm+tokenizer2, min-count 1 ", "chosen: ");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.selection()).startsWith("3-fold cross-validation")
                .contains("words+binary+tokenizer2, words+chars3-4+log+idf+norm+tokenizer2");
        assertThat(h.features().describe()).isIn("words+binary+tokenizer2", "words+chars3-4+log+idf+norm+tokenizer2");
    }

    @Test
    void newModelsUseTokenizerTwoAndTheModelFileAndCardSaySo() throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(Fixtures.tickets(), model);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(MaxEntTicketClassifier.load(model).model().tokenizerVersion()).isEqualTo(2);
        assertThat(card(model).hyperParameters().features().tokenizerVersion()).isEqualTo(2);
        assertThat(Files.readString(model.resolve(ModelDirectory.CARD_FILE))).contains("\"tokenizerVersion\" : 2");
    }

    @Test
    void tokenizerOneTrainsAModelAsEarlierReleasesDid() throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(Fixtures.tickets(), model, "--tokenizer", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(MaxEntTicketClassifier.load(model).model().tokenizerVersion()).isEqualTo(1);
        assertThat(card(model).hyperParameters().features().describe()).isEqualTo("words+binary");
        assertThat(Files.readString(model.resolve(ModelDirectory.CARD_FILE)))
                .as("a version 1 card reads as before version 2 existed").doesNotContain("tokenizerVersion");
    }

    @Test
    void bothTokenizersAreTriedOnTheValidationSplitWhenAskedFor() throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(Fixtures.tickets(), model, "--tokenizer", "1,2", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("words+binary, min-count 2 ", "words+binary+tokenizer2, min-count 2 ");
        assertThat(card(model).hyperParameters().selection()).contains("words+binary, words+binary+tokenizer2");
    }

    @Test
    void theMinCountIsChosenOnValidationDataAndTheCardSaysWhichWasKept() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--features", "words+binary",
                "--prior-grid", "1", "--min-count", "1,3", "--folds", "3", "--min-class-rows", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The category head's table: one line per min-count, then the one chosen, the most accurate (ties: log-loss).
        String table = run.out().substring(run.out().indexOf("category model selection"),
                run.out().indexOf("chosen: "));
        Matcher line = Pattern.compile("words\\+binary\\+tokenizer2, min-count (\\d) .* accuracy ([0-9.]+)  log-loss ([0-9.]+)")
                .matcher(table);
        Map<Integer, double[]> scores = new HashMap<>();
        while (line.find()) {
            scores.put(Integer.parseInt(line.group(1)),
                    new double[] {Double.parseDouble(line.group(2)), Double.parseDouble(line.group(3))});
        }
        assertThat(scores).containsOnlyKeys(1, 3);
        Comparator<Map.Entry<Integer, double[]>> better = Comparator
                .comparingDouble((Map.Entry<Integer, double[]> e) -> -e.getValue()[0]).thenComparingDouble(e -> e.getValue()[1]);
        int best = scores.entrySet().stream().min(better).orElseThrow().getKey();
        assertThat(run.out()).contains("chosen: words+binary+tokenizer2, min-count " + best + ",");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.pruning().minFeatureCount()).isEqualTo(best);
        assertThat(h.selection()).contains("min-counts tried: 1, 3");
        assertThat(run.err()).contains("kept (seen at least " + best + " times)");
    }

    @Test
    void theLabelBalanceIsChosenOnTheValidationAnswersAndTheCardRecordsIt() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--features", "words+binary",
                "--prior-grid", "0.1,1", "--min-count", "2", "--balance", "0,1", "--folds", "3", "--min-class-rows", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("category label balance", "alpha 0.0 ", "alpha 1.0 ");
        Matcher chosen = Pattern.compile("chosen: alpha ([0-9.]+)").matcher(run.out());
        assertThat(chosen.find()).isTrue();
        ModelCard.HyperParameters h = card(model).hyperParameters();
        double alpha = Double.parseDouble(chosen.group(1));
        if (alpha == 0) {
            assertThat(h.categoryBalance()).as("no correction is written as before it existed").isNull();
        } else {
            assertThat(h.categoryBalance()).isEqualTo(alpha);
        }
        assertThat(h.selection()).contains("label balance (alpha) tried: [0.0, 1.0]");
    }

    @Test
    void aNegativeBalanceIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("model").toString(),
                "--balance", "0,-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--balance values must be 0 or more");
    }

    @Test
    void aMinCountBelowOneIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("model").toString(),
                "--min-count", "2,0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--min-count must be at least 1");
    }

    @Test
    void anUnknownTokenizerIsAUsageError() {
        Run run = quickTrain(Fixtures.tickets(), dir.resolve("model"), "--tokenizer", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tokenizer");
    }

    @Test
    void anUnknownFeatureSpecIsAUsageErrorNamingThePart() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.toString(), "--features", "words+trigrams");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--features", "trigrams");
    }

    @Test
    void aMissingColumnIsAClearErrorWithExitCode1() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--label", "Kind");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no column 'Kind' for --label").doesNotContain("Exception");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void anImpossibleOptionIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.toString(), "--review-precision", "1.5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--review-precision must be in (0, 1]");
    }

    @Test
    void anL1ModelIsChosenOnValidationDataRecordedInTheCardCalibratedAndServed() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--prior", "l1",
                "--features", "words+bigrams+subject+binary", "--l1-grid", "0.1,1", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("l1       L1 weight  1.0", "l1       L1 weight  0.1", "category l1 prior, L1 weight ",
                "non-zero weights: category ").doesNotContain("gaussian");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.prior()).isEqualTo("l1");
        assertThat(h.trainer()).contains("OWL-QN");
        assertThat(h.priorVarianceGrid()).containsExactly(0.1, 1.0).contains(h.categoryPriorVariance(), h.priorityPriorVariance());
        assertThat(h.selection()).contains("priors tried: l1 [0.1, 1.0]");
        assertThat(h.categoryTemperature()).isPositive().isFinite();
        assertThat(card(model).reviewThreshold()).isBetween(0.0, 1.0);
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(model);
        assertThat(classifier.classify("Refund for a double payment", "I was charged twice for my subscription invoice")
                .category()).isEqualTo("Billing Inquiry");
    }

    @Test
    void autoTriesBothPriorsAndRecordsTheOneItChose() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--prior", "auto",
                "--features", "words+binary", "--prior-grid", "0.1,1", "--l1-grid", "0.3", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gaussian variance   0.1", "gaussian variance   1.0", "l1       L1 weight  0.3");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.selection()).contains("priors tried: gaussian [0.1, 1.0], l1 [0.3]");
        assertThat(h.prior()).isIn("gaussian", "l1");
        assertThat(h.priorVarianceGrid()).isEqualTo(h.prior().equals("l1") ? List.of(0.3) : List.of(0.1, 1.0));
    }

    @Test
    void anSvmIsTriedBesideTheGaussianPriorAndWhatWasChosenIsRecordedCalibratedAndServed() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--prior", "gaussian,svm",
                "--features", "words+bigrams+log+idf+norm", "--prior-grid", "1", "--svm-grid", "0.1,1", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gaussian variance   1.0", "svm      C          0.1", "svm      C          1.0");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.selection()).contains("priors tried: gaussian [1.0], svm [0.1, 1.0]");
        assertThat(h.prior()).isIn("gaussian", "svm");
        assertThat(h.trainer()).contains(h.prior().equals("svm") ? "LIBLINEAR" : "L-BFGS");
        assertThat(h.categoryTemperature()).isPositive().isFinite();
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(model);
        assertThat(classifier.classify("Refund for a double payment", "I was charged twice for my subscription invoice")
                .category()).isEqualTo("Billing Inquiry");
    }

    @Test
    void anSvmModelRecordsItsCostAndAConfidenceOnTheProbabilityScale() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--prior", "svm",
                "--features", "words+bigrams+log+idf+norm", "--svm-grid", "0.3,3", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.prior()).isEqualTo("svm");
        assertThat(h.priorVarianceGrid()).containsExactly(0.3, 3.0).contains(h.categoryPriorVariance(), h.priorityPriorVariance());
        // Margins are flatter than log-probabilities: the fitted temperature sharpens them (below 1).
        assertThat(h.categoryTemperature()).isPositive().isLessThan(1.0);
        assertThat(run.out()).contains("category svm prior, C ");
    }

    @Test
    void aNonPositiveSvmCostIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--prior", "svm",
                "--svm-grid", "1,-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--svm-grid needs positive costs");
    }

    @Test
    void anUnknownPriorIsAUsageErrorNamingTheChoices() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--prior", "lasso");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--prior must be gaussian, l1, svm, several of them comma-separated, or auto, not 'lasso'").doesNotContain("Exception");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void aNonPositiveL1WeightIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--prior", "l1",
                "--l1-grid", "1,0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--l1-grid needs positive weights");
    }

    @Test
    void thePriorityScaleOptionSetsTheOrderOfTheCardsPriorityLabels() throws IOException {
        Path csv = withPriorities(Map.of("Low", "bronze", "Medium", "Silver", "High", "GOLD", "Critical", "GOLD"));
        Path model = dir.resolve("model");

        Run run = quickTrain(csv, model, "--priority-scale", "Bronze,silver,gold,platinum");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("priority labels, lowest first (--priority-scale): bronze, Silver, GOLD")
                .doesNotContain("warning");
        // The data's spelling, in the scale's order; a level of the scale that the data lacks is not listed.
        assertThat(card(model).priorityLabels()).containsExactly("bronze", "Silver", "GOLD");
        assertThat(MaxEntTicketClassifier.load(model).classify("Refund", "I was charged twice").priority())
                .isIn("bronze", "Silver", "GOLD");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recognisedScales")
    void recognisedPriorityLabelsAreWrittenLowestFirstWithoutTheOption(String scale, Map<String, String> relabel,
                                                                        List<String> lowestFirst) throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(withPriorities(relabel), model);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("priority labels, lowest first (recognised): " + String.join(", ", lowestFirst))
                .doesNotContain("warning");
        assertThat(card(model).priorityLabels()).containsExactlyElementsOf(lowestFirst);
        assertThat(MaxEntTicketClassifier.load(model).priorities()).containsExactlyInAnyOrderElementsOf(lowestFirst);
    }

    static Stream<Arguments> recognisedScales() {
        return Stream.of(
                Arguments.of("Low, Medium, High, Critical (the seed schema)", Map.of(),
                        List.of("Low", "Medium", "High", "Critical")),
                Arguments.of("low, medium, high", Map.of("Low", "low", "Medium", "medium", "High", "high", "Critical", "high"),
                        List.of("low", "medium", "high")),
                Arguments.of("low, normal, high, urgent (Zendesk)",
                        Map.of("Low", "low", "Medium", "normal", "High", "high", "Critical", "urgent"),
                        List.of("low", "normal", "high", "urgent")),
                Arguments.of("P1 to P4, P1 highest", Map.of("Low", "P4", "Medium", "P3", "High", "P2", "Critical", "P1"),
                        List.of("P4", "P3", "P2", "P1")));
    }

    @Test
    void unrecognisedPriorityLabelsStayAlphabeticalWithAWarningNamingTheOption() throws IOException {
        Path model = dir.resolve("model");

        Run run = quickTrain(withPriorities(Map.of("Low", "Bronze", "Medium", "Silver", "High", "Gold", "Critical", "Gold")),
                model);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: the order of the priority labels [Bronze, Gold, Silver] is unknown",
                "--priority-scale");
        assertThat(card(model).priorityLabels()).containsExactly("Bronze", "Gold", "Silver");
    }

    @Test
    void aPriorityLabelNotOnTheScaleIsExitCode1NamingIt() {
        Path model = dir.resolve("model");

        Run run = quickTrain(Fixtures.tickets(), model, "--priority-scale", "low,medium,high");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not on --priority-scale", "[Critical]").doesNotContain("Exception");
        assertThat(model).doesNotExist();
    }

    @Test
    void aPriorityScaleNamingALabelTwiceIsAUsageError() {
        Run run = quickTrain(Fixtures.tickets(), dir.resolve("model"), "--priority-scale", "low,Medium,medium");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--priority-scale names 'medium' twice");
    }

    /**
     * A train run with one feature set, one min-count and one prior strength: no model selection, a second or two.
     */
    private static Run quickTrain(Path csv, Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("--data", csv.toString(), "--out", model.toString(),
                "--features", "words+binary", "--prior-grid", "1", "--min-count", "2", "--min-class-rows", "3"));
        args.addAll(List.of(more));
        return train(args.toArray(String[]::new));
    }

    /** The fixture with its priorities renamed by {@code relabel} (others kept), written to a file. */
    private Path withPriorities(Map<String, String> relabel) throws IOException {
        Path csv = dir.resolve("priorities.csv");
        CSVFormat read = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser in = CSVParser.parse(Fixtures.tickets(), StandardCharsets.UTF_8, read);
             CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(csv),
                     CSVFormat.RFC4180.builder().setHeader(in.getHeaderNames().toArray(String[]::new)).get())) {
            int priority = in.getHeaderMap().get("Priority");
            for (CSVRecord record : in) {
                List<String> values = new ArrayList<>(record.toList());
                values.set(priority, relabel.getOrDefault(values.get(priority), values.get(priority)));
                out.printRecord(values);
            }
        }
        return csv;
    }

    private static ModelCard card(Path model) throws IOException {
        try (InputStream in = Files.newInputStream(model.resolve(ModelDirectory.CARD_FILE))) {
            return ModelCard.read(in);
        }
    }

    private static String withoutLoadTime(String out) {
        return out.replaceAll("wrote .*", "");
    }
}
