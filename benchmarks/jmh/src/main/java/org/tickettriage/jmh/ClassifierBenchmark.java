package org.tickettriage.jmh;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tickettriage.model.Featurizer;
import org.tickettriage.model.MaxEntScorer;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.SparseVector;
import org.tickettriage.model.TicketModel;

/**
 * The serving path's per-ticket work on the bundled model, one ticket per call, cycling through a fixed set:
 * featurizing alone, scoring alone (both heads, on vectors made in setup), both as serving does them
 * ({@link MaxEntTicketClassifier#probabilities}), and the whole {@link MaxEntTicketClassifier#classify}, which also
 * ranks the labels and explains the category: what {@code ./triage benchmark latency} times as "the classifier alone".
 *
 * <p>The annotations' settings fit a 2-core machine; {@code benchmarks/jmh.sh} passes its own on the command line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {

    /** A system property naming a model directory to benchmark instead of the bundled model. */
    public static final String MODEL_PROPERTY = "tickettriage.model";

    /** Which tickets: {@value TicketSet#SHORT}, {@value TicketSet#LONG} or the path of a seed-schema CSV. */
    @Param({TicketSet.SHORT, TicketSet.LONG})
    public String tickets;

    private MaxEntTicketClassifier classifier;
    private Featurizer featurizer;
    private MaxEntScorer category;
    /** Null when the model has no priority head. */
    private MaxEntScorer priority;
    private String[] subjects;
    private String[] descriptions;
    private SparseVector[] vectors;
    private int next;

    /** Loads the model and the tickets and featurizes every ticket once, for {@link #score()}. */
    @Setup(Level.Trial)
    public void setUp() {
        String modelDir = System.getProperty(MODEL_PROPERTY);
        classifier = modelDir == null || modelDir.isEmpty() ? MaxEntTicketClassifier.loadBundled()
                : MaxEntTicketClassifier.load(Path.of(modelDir));
        TicketModel model = classifier.model();
        featurizer = classifier.featurizer();
        category = new MaxEntScorer(model.category(), model.vocabulary());
        priority = model.priority() == null ? null : new MaxEntScorer(model.priority(), model.vocabulary());

        List<TicketSet.Ticket> set = TicketSet.named(tickets);
        subjects = set.stream().map(TicketSet.Ticket::subject).toArray(String[]::new);
        descriptions = set.stream().map(TicketSet.Ticket::description).toArray(String[]::new);
        vectors = new SparseVector[set.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = featurizer.featurize(subjects[i], descriptions[i]);
        }
        next = 0;
    }

    /** The index of the ticket this call works on; the set repeats in order. */
    private int nextTicket() {
        int i = next;
        next = i + 1 == subjects.length ? 0 : i + 1;
        return i;
    }

    /** Ticket text to the model's sparse vector: tokenize, look up, weight. */
    @Benchmark
    public SparseVector featurize() {
        int i = nextTicket();
        return featurizer.featurize(subjects[i], descriptions[i]);
    }

    /** Both heads' probabilities of a vector featurized in setup. */
    @Benchmark
    public double[][] score() {
        SparseVector vector = vectors[nextTicket()];
        return priority == null ? new double[][] {category.probabilities(vector)}
                : new double[][] {category.probabilities(vector), priority.probabilities(vector)};
    }

    /** Featurize once, then both heads: {@link #featurize()} and {@link #score()} as serving chains them. */
    @Benchmark
    public double[][] featurizeAndScore() {
        int i = nextTicket();
        return classifier.probabilities(subjects[i], descriptions[i]);
    }

    /** Everything {@code classify} does per ticket: featurize, both heads, labels ranked, five features explained. */
    @Benchmark
    public Prediction classify() {
        int i = nextTicket();
        return classifier.classify(subjects[i], descriptions[i]);
    }

    /** How many tickets the set holds (after {@link #setUp()}). */
    int ticketCount() {
        return subjects.length;
    }

    /** The labels of each head {@link #score()} returns, in order. */
    List<List<String>> headLabels() {
        return priority == null ? List.of(category.labels()) : List.of(category.labels(), priority.labels());
    }
}
