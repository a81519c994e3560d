package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.classify.MaxEnt;
import cc.mallet.classify.MaxEntOptimizableByLabelLikelihood;
import cc.mallet.optimize.LimitedMemoryBFGS;
import cc.mallet.optimize.Optimizable;
import cc.mallet.optimize.OrthantWiseLimitedMemoryBFGS;
import cc.mallet.types.InstanceList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;

/** Our cache-friendly objective against MALLET's own: the same numbers to the last bit, so the same fits. */
class MaxEntLabelLikelihoodTest {

    private static List<LabeledTicket> tickets;

    @BeforeAll
    static void generateTickets() {
        tickets = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(5)).generate(300).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
    }

    /** Binary word features and weighted character n-grams; category (5 labels) and priority (4) heads. */
    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("words+bigrams+subject+binary", true),
                Arguments.of("words+bigrams+subject+chars3-5+log+idf+norm", true),
                Arguments.of("words+bigrams+subject+binary", false),
                Arguments.of("words+chars3-4+log+idf+norm", false));
    }

    private static InstanceList instances(String features, boolean category) {
        TicketModelTrainer trainer = new TicketModelTrainer(FeatureSettings.parse(features), 2);
        return trainer.instances(tickets, trainer.features(tickets),
                TicketModelTrainer.labels(tickets, category ? LabeledTicket::label : LabeledTicket::priority),
                category ? LabeledTicket::label : LabeledTicket::priority);
    }

    @ParameterizedTest(name = "{0}, category head {1}")
    @MethodSource("problems")
    void valueAndGradientEqualMalletsAtAnyParameters(String features, boolean category) {
        InstanceList instances = instances(features, category);
        for (double variance : new double[] {0.3, 10, Double.NaN}) {
            MaxEntOptimizableByLabelLikelihood mallet = new MaxEntOptimizableByLabelLikelihood(instances, null);
            if (Double.isNaN(variance)) {
                mallet.useNoPrior();
            } else {
                mallet.useGaussianPrior().setGaussianPriorVariance(variance);
            }
            MaxEntLabelLikelihood ours = new MaxEntLabelLikelihood(instances, variance);
            Random random = new Random(7);
            for (int round = 0; round < 3; round++) {
                double[] parameters = new double[ours.getNumParameters()];
                for (int i = 0; i < parameters.length; i++) {
                    parameters[i] = random.nextGaussian() * (round + 0.5);
                }
                mallet.setParameters(parameters);
                ours.setParameters(parameters);

                assertThat(ours.getValue()).as("value, variance %s", variance).isEqualTo(mallet.getValue());
                assertThat(gradient(ours)).as("gradient, variance %s", variance).containsExactly(gradient(mallet));
            }
        }
    }

    @ParameterizedTest(name = "{0}, category head {1}")
    @MethodSource("problems")
    void malletsOptimisersFitTheSameWeightsOnBoth(String features, boolean category) {
        InstanceList instances = instances(features, category);

        MaxEntOptimizableByLabelLikelihood mallet = new MaxEntOptimizableByLabelLikelihood(instances, null);
        mallet.useGaussianPrior().setGaussianPriorVariance(3.0);
        TicketModelTrainer.optimize(new LimitedMemoryBFGS(mallet));
        TicketModelTrainer.optimize(new LimitedMemoryBFGS(mallet));
        double[] expected = mallet.getClassifier().getParameters();

        assertThat(TicketModelTrainer.train(instances, Prior.GAUSSIAN, 3.0).getParameters()).containsExactly(expected);

        MaxEntOptimizableByLabelLikelihood malletL1 = new MaxEntOptimizableByLabelLikelihood(instances, null);
        malletL1.useNoPrior();
        TicketModelTrainer.optimize(new OrthantWiseLimitedMemoryBFGS(malletL1, 0.5));
        TicketModelTrainer.optimize(new OrthantWiseLimitedMemoryBFGS(malletL1, 0.5));

        assertThat(TicketModelTrainer.train(instances, Prior.L1, 0.5).getParameters())
                .containsExactly(malletL1.getClassifier().getParameters());
    }

    @ParameterizedTest(name = "{0}, category head {1}")
    @MethodSource("problems")
    void summedInBlocksOnThreeThreadsItIsStillMalletsToTheBit(String features, boolean category) throws Exception {
        InstanceList instances = instances(features, category);
        double[] parameters = new double[MaxEnt.getNumParameters(instances.getPipe())];
        Random random = new Random(3);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = random.nextGaussian();
        }
        MaxEntOptimizableByLabelLikelihood mallet = new MaxEntOptimizableByLabelLikelihood(instances, null);
        mallet.useGaussianPrior().setGaussianPriorVariance(3.0);
        mallet.setParameters(parameters);
        double malletValue = mallet.getValue();
        double[] malletGradient = gradient(mallet);
        MaxEntOptimizableByLabelLikelihood malletFit = new MaxEntOptimizableByLabelLikelihood(instances, null);
        malletFit.useGaussianPrior().setGaussianPriorVariance(3.0);
        TicketModelTrainer.optimize(new LimitedMemoryBFGS(malletFit));
        TicketModelTrainer.optimize(new LimitedMemoryBFGS(malletFit));
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            // Every pass split into blocks, however small (a threshold of 0), on the pool's threads.
            MaxEntLabelLikelihood ours = pool.submit(() -> {
                MaxEntLabelLikelihood objective = new MaxEntLabelLikelihood(instances, 3.0, 0);
                objective.setParameters(parameters);
                objective.getValueGradient(new double[parameters.length]);
                return objective;
            }).get();
            assertThat(ours.getValue()).isEqualTo(malletValue);
            assertThat(gradient(ours)).containsExactly(malletGradient);

            double[] fitted = pool.submit(() -> {
                MaxEntLabelLikelihood objective = new MaxEntLabelLikelihood(instances, 3.0, 0);
                TicketModelTrainer.optimize(new LimitedMemoryBFGS(objective));
                TicketModelTrainer.optimize(new LimitedMemoryBFGS(objective));
                return objective.parameters();
            }).get();
            assertThat(fitted).containsExactly(malletFit.getClassifier().getParameters());
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] gradient(Optimizable.ByGradientValue objective) {
        double[] g = new double[objective.getNumParameters()];
        objective.getValueGradient(g);
        return g;
    }
}
