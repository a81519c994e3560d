package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Problem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;

/** The linear SVM head: LIBLINEAR's decision functions carried over into MALLET's layout, and served as a MaxEnt. */
class LinearSvmTest {

    private static final FeatureSettings TFIDF = FeatureSettings.parse("words+bigrams+log+idf+norm", 2);

    private static List<LabeledTicket> tickets;
    private static TicketModelTrainer trainer;
    private static TicketModelTrainer.Features features;
    private static InstanceList instances;

    @BeforeAll
    static void generateTickets() {
        tickets = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(5)).generate(400).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
        trainer = new TicketModelTrainer(TFIDF, 1);
        features = trainer.features(tickets);
        instances = trainer.instances(tickets, features, TicketModelTrainer.labels(tickets, LabeledTicket::label),
                LabeledTicket::label);
    }

    @Test
    void theServedScoresAreLiblinearsDecisionValues() {
        Problem problem = LinearSvm.problem(instances);
        Model model = Linear.train(problem, LinearSvm.parameter(1.0));
        int labels = instances.getTargetAlphabet().size();
        double[] parameters = LinearSvm.parameters(model, instances.getDataAlphabet().size(), labels);
        MaxEnt served = new MaxEnt(instances.getPipe(), parameters);

        assertThat(model.getNrClass()).isEqualTo(labels).isGreaterThan(2);
        for (int i = 0; i < 50; i++) {
            double[] decision = new double[labels];
            double predicted = Linear.predictValues(model, problem.x[i], decision);
            double[] probabilities = new double[labels];
            served.getClassificationScores(instances.get(i), probabilities);
            // Softmax at temperature 1: log-probability differences are decision-value differences.
            int[] order = model.getLabels();
            for (int k = 1; k < labels; k++) {
                assertThat(Math.log(probabilities[order[k]]) - Math.log(probabilities[order[0]]))
                        .isCloseTo(decision[k] - decision[0], within(1e-9));
            }
            assertThat(argMax(probabilities)).isEqualTo((int) predicted);
        }
    }

    @Test
    void aTwoLabelHeadHasOneFunctionAndItsNegation() {
        LabelAlphabet two = TicketModelTrainer.labels(tickets.subList(0, 2), t -> t == tickets.get(0) ? "first" : "other");
        InstanceList binary = trainer.instances(tickets, features, two,
                t -> t.label().equals(tickets.get(0).label()) ? "first" : "other");
        Problem problem = LinearSvm.problem(binary);
        Model model = Linear.train(problem, LinearSvm.parameter(1.0));
        MaxEnt served = new MaxEnt(binary.getPipe(), LinearSvm.parameters(model, binary.getDataAlphabet().size(), 2));

        int right = 0;
        for (int i = 0; i < binary.size(); i++) {
            double[] probabilities = new double[2];
            served.getClassificationScores(binary.get(i), probabilities);
            assertThat(argMax(probabilities)).isEqualTo((int) Linear.predict(model, problem.x[i]));
            right += argMax(probabilities) == binary.get(i).getLabeling().getBestIndex() ? 1 : 0;
        }
        assertThat(right / (double) binary.size()).isGreaterThan(0.9);
    }

    @Test
    void fitsAreTheSameOnEveryThreadAndLearnTheCategories() {
        double[] first = LinearSvm.fit(instances, 1.0);
        List<double[]> parallel = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> LinearSvm.fit(instances, 1.0))).toList().stream()
                .map(CompletableFuture::join).toList();

        assertThat(parallel).allSatisfy(p -> assertThat(p).containsExactly(first));
        MaxEnt model = TicketModelTrainer.train(instances, Prior.SVM, 1.0);
        assertThat(model.getParameters()).containsExactly(first);
        assertThat(model.getAccuracy(instances)).isGreaterThan(0.9);
    }

    @Test
    void aSmallerCostIsStrongerRegularisation() {
        assertThat(norm(LinearSvm.fit(instances, 0.01))).isLessThan(norm(LinearSvm.fit(instances, 1.0)));
        assertThat(Prior.SVM.strongestFirst(List.of(1.0, 0.1, 10.0))).containsExactly(0.1, 1.0, 10.0);
        assertThat(Prior.byId("SVM")).isEqualTo(Prior.SVM);
    }

    @Test
    void reportsNameEachCardPriorsStrength() {
        assertThat(Prior.describeStrength("svm")).isEqualTo("linear SVM, cost C");
        assertThat(Prior.describeStrength("l1")).isEqualTo("L1 prior weight");
        assertThat(Prior.describeStrength("gaussian")).isEqualTo("Gaussian prior variance");
        assertThat(Prior.describeStrength(null)).as("cards before the field").isEqualTo("Gaussian prior variance");
    }

    @Test
    void aLabelWithoutFittingRowsIsNeverTheAnswer() {
        LabelAlphabet labels = new LabelAlphabet();
        TicketModelTrainer.labels(tickets, LabeledTicket::label).iterator()
                .forEachRemaining(l -> labels.lookupIndex(l.toString()));
        labels.lookupIndex("Nobody's queue");
        labels.stopGrowth();
        InstanceList withAbsent = trainer.instances(tickets, features, labels, LabeledTicket::label);
        MaxEnt model = TicketModelTrainer.train(withAbsent, Prior.SVM, 1.0);
        int absent = labels.lookupIndex("Nobody's queue", false);

        for (Instance instance : withAbsent) {
            double[] probabilities = new double[labels.size()];
            model.getClassificationScores(instance, probabilities);
            assertThat(argMax(probabilities)).isNotEqualTo(absent);
            assertThat(probabilities[absent]).isLessThan(1e-6);
        }
    }

    @Test
    void anSvmIsTriedOnNormalisedFeaturesOnlyWhenSomeCandidateHasThem() {
        ModelSelection.Candidate binary = new ModelSelection.Candidate(FeatureSettings.parse("words+binary", 2), 1);
        ModelSelection.Candidate tfidf = new ModelSelection.Candidate(TFIDF, 1);

        assertThat(ModelSelection.fits(binary, Prior.SVM, List.of(binary, tfidf))).isFalse();
        assertThat(ModelSelection.fits(tfidf, Prior.SVM, List.of(binary, tfidf))).isTrue();
        assertThat(ModelSelection.fits(binary, Prior.GAUSSIAN, List.of(binary, tfidf))).isTrue();
        // Asked for an SVM on binary features alone, it gets one rather than nothing.
        assertThat(ModelSelection.fits(binary, Prior.SVM, List.of(binary))).isTrue();
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double norm(double[] parameters) {
        double sum = 0;
        for (double p : parameters) {
            sum += p * p;
        }
        return Math.sqrt(sum);
    }
}
