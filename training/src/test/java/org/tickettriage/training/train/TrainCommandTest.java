package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.classifier.MalletTicketClassifier;
import org.tickettriage.classifier.ModelCard;
import org.tickettriage.classifier.Prediction;
import org.tickettriage.training.Fixtures;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path dir;

    /** Output of one run. */
    record Run(int exitCode, String out, String err) {
    }

    static Run train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainsOnTheFixtureAndTheServingCodeLoadsAndUsesTheModel() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(), "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(model.resolve(MalletTicketClassifier.CATEGORY_FILE)).isRegularFile();
        assertThat(model.resolve(MalletTicketClassifier.PRIORITY_FILE)).isRegularFile();
        assertThat(model.resolve(MalletTicketClassifier.CARD_FILE)).isRegularFile();
        assertThat(run.out()).contains("held-out category: accuracy", "held-out priority: accuracy", "review threshold",
                "confusion matrix", "macro avg");
        assertThat(run.err()).contains("[train", "65 usable rows");

        MalletTicketClassifier classifier = MalletTicketClassifier.load(model);
        Prediction p = classifier.classify("Refund for a double payment", "I was charged twice for my subscription invoice");
        assertThat(p.category()).isEqualTo("Billing Inquiry");
        assertThat(p.priority()).isIn("Low", "Medium", "High", "Critical");
        assertThat(classifier.categories()).containsExactly("Account Management", "Billing Inquiry", "Bug Report",
                "Feature Request", "Technical Issue");

        ModelCard card = classifier.modelCard();
        assertThat(card.trainingData().rows()).isEqualTo(65);
        assertThat(card.trainingData().trainRows() + card.trainingData().heldOutRows()).isEqualTo(65);
        assertThat(card.trainingData().sha256()).hasSize(64);
        assertThat(card.malletVersion()).isEqualTo("2.1.1");
        assertThat(card.hyperParameters().priorVarianceGrid()).contains(card.hyperParameters().categoryPriorVariance());
        assertThat(card.hyperParameters().prior()).isEqualTo("gaussian");
        assertThat(card.hyperParameters().trainer()).contains("L-BFGS, Gaussian prior");
        assertThat(card.hyperParameters().pruning().featuresAfter()).isLessThan(card.hyperParameters().pruning().featuresBefore());
        assertThat(card.metrics().category().rows()).isEqualTo(card.trainingData().heldOutRows());
        assertThat(card.metrics().priority()).isNotNull();
        assertThat(card.reviewThreshold()).isBetween(0.0, 1.0);
        assertThat(card.review().targetPrecision()).isEqualTo(0.95);
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
        assertThat(model.resolve(MalletTicketClassifier.PRIORITY_FILE)).doesNotExist();
        MalletTicketClassifier classifier = MalletTicketClassifier.load(model);
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
        assertThat(MalletTicketClassifier.load(model).categories()).doesNotContain("Rare Label").hasSize(5);
    }

    @Test
    void smallTrainingSetsChooseTheSettingsByCrossValidationAndTheCardSaysSo() throws IOException {
        Path model = dir.resolve("model");

        Run run = train("--data", Fixtures.tickets().toString(), "--out", model.toString(),
                "--features", "words+binary,words+chars3-4+log+idf+norm", "--prior-grid", "0.1,1", "--folds", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3-fold cross-validation", "words+binary ", "words+chars3-4+log+idf+norm ", "chosen: ");
        ModelCard.HyperParameters h = card(model).hyperParameters();
        assertThat(h.selection()).startsWith("3-fold cross-validation")
                .contains("words+binary, words+chars3-4+log+idf+norm");
        assertThat(h.features().describe()).isIn("words+binary", "words+chars3-4+log+idf+norm");
    }

    @Test
    void anUnknownFeatureSpecIsAUsageErrorNamingThePart() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.toString(), "--features", "words+trigrams");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--features", "trigrams");
    }

    @Test
    void aMissingColumnIsAClearErrorWithExitCode2() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--label", "Kind");

        assertThat(run.exitCode()).isEqualTo(2);
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
        MalletTicketClassifier classifier = MalletTicketClassifier.load(model);
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
    void anUnknownPriorIsAUsageErrorNamingTheChoices() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--prior", "lasso");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--prior must be gaussian, l1 or auto, not 'lasso'").doesNotContain("Exception");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void aNonPositiveL1WeightIsAUsageError() {
        Run run = train("--data", Fixtures.tickets().toString(), "--out", dir.resolve("m").toString(), "--prior", "l1",
                "--l1-grid", "1,0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--l1-grid needs positive weights");
    }

    private static ModelCard card(Path model) throws IOException {
        try (InputStream in = Files.newInputStream(model.resolve(MalletTicketClassifier.CARD_FILE))) {
            return ModelCard.read(in);
        }
    }

    private static String withoutLoadTime(String out) {
        return out.replaceAll("wrote .*", "");
    }
}
