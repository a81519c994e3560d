package org.tickettriage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * How a model was trained and how well it did: {@code model-card.json} next to the model file, written from the same
 * data for people and tools. When the card and the model file disagree, the model file wins.
 *
 * @param modelVersion    a short identifier, echoed in every result
 * @param createdAt       when training finished, ISO-8601 UTC
 * @param categoryLabels  the category head's labels, in the classifier's label order
 * @param priorityLabels  the priority head's labels lowest first (the priority scale; not the classifier's label
 *                        order, and alphabetical in cards written before the trainer recorded the scale), empty
 *                        when the model has no priority head
 * @param trainingData    what it was trained and tested on
 * @param malletVersion   the MALLET version that fitted the heads
 * @param hyperParameters how it was trained
 * @param metrics         held-out metrics of both heads
 * @param reviewThreshold below this category confidence a person should confirm the category
 * @param review          how the review threshold was chosen
 * @param finalFit        which rows the shipped model was fitted on and how its temperature and review threshold were
 *                        set; null in cards written before it was recorded (then the shipped model is the one measured)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String modelVersion,
        String createdAt,
        List<String> categoryLabels,
        List<String> priorityLabels,
        TrainingData trainingData,
        String malletVersion,
        HyperParameters hyperParameters,
        HeldOutMetrics metrics,
        double reviewThreshold,
        ReviewThresholdChoice review,
        FinalFit finalFit) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A newer trainer may record more; an older reader still serves the model.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ModelCard {
        categoryLabels = List.copyOf(categoryLabels);
        priorityLabels = priorityLabels == null ? List.of() : List.copyOf(priorityLabels);
    }

    /** A card without a record of the final fit, as written before it existed. */
    public ModelCard(String modelVersion, String createdAt, List<String> categoryLabels, List<String> priorityLabels,
                     TrainingData trainingData, String malletVersion, HyperParameters hyperParameters,
                     HeldOutMetrics metrics, double reviewThreshold, ReviewThresholdChoice review) {
        this(modelVersion, createdAt, categoryLabels, priorityLabels, trainingData, malletVersion, hyperParameters,
                metrics, reviewThreshold, review, null);
    }

    /** Reads a card; the stream is left open. */
    public static ModelCard read(InputStream in) throws IOException {
        return JSON.readValue(in, ModelCard.class);
    }

    /** Writes this card as indented JSON; the stream is left open. */
    public void write(OutputStream out) throws IOException {
        JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, this);
    }

    /**
     * The data behind the model.
     *
     * @param source         the training file's name (no directories: the card may travel)
     * @param sha256         the training file's SHA-256
     * @param rows           the usable rows read from it
     * @param trainRows      the rows the shipped model was trained on (every usable row when it was refitted after
     *                       the held-out measurement: see {@link FinalFit})
     * @param heldOut        how the held-out set was made: the test file's name or the split used
     * @param heldOutSha256  the test file's SHA-256, or null for a split
     * @param heldOutRows    the rows the metrics were measured on
     * @param textColumns    the columns read as text: the first is the subject when there are two or more
     * @param labelColumn    the category column
     * @param priorityColumn the priority column, or null when there is no priority head
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingData(String source, String sha256, int rows, int trainRows, String heldOut,
                               String heldOutSha256, int heldOutRows, List<String> textColumns,
                               String labelColumn, String priorityColumn) {
    }

    /**
     * How the model was trained.
     *
     * @param trainer                the MALLET trainer
     * @param categoryPriorVariance  the prior strength chosen for the category head: the Gaussian prior variance, or
     *                               the L1 weight when {@code prior} is {@code l1}
     * @param priorityPriorVariance  the one chosen for the priority head, or null without that head
     * @param priorVarianceGrid      the strengths of that prior tried on the validation split
     * @param features               how text becomes features
     * @param pruning                how rare features were removed
     * @param seed                   the seed of the splits
     * @param selection              how the features, variances and review threshold were chosen on the training
     *                               rows (a validation split or k-fold cross-validation), and which feature sets
     *                               were tried; null in cards written before it was recorded
     * @param categoryTemperature    the category head's probabilities are {@code p^(1/T)}, renormalised: T is fitted
     *                               on validation answers so that confidence matches accuracy (a strong prior makes
     *                               MaxEnt under-confident); null means 1, as in cards written before it existed
     * @param priorityTemperature    the same for the priority head
     * @param prior                  how both heads were fitted: {@code gaussian} (MaxEnt, L2 prior, L-BFGS), {@code l1}
     *                               (MaxEnt, OWL-QN, as MALLET's {@code MaxEntL1Trainer}) or {@code svm} (a linear
     *                               SVM's weights, served the same way; the strengths are its cost C); null means
     *                               {@code gaussian}, as in cards written before it was recorded
     * @param categoryBalance        how far the category head's answers were corrected for its labels' frequencies in
     *                               the training rows (each label's bias lowered by {@code alpha * ln frequency}, so
     *                               rare labels are answered more often); null means 0, no correction, as in cards
     *                               written before it existed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HyperParameters(String trainer, double categoryPriorVariance, Double priorityPriorVariance,
                                  List<Double> priorVarianceGrid, FeatureSettings features, Pruning pruning,
                                  long seed, String selection, Double categoryTemperature, Double priorityTemperature,
                                  String prior, Double categoryBalance) {

        /** Hyper-parameters without a label-frequency correction. */
        public HyperParameters(String trainer, double categoryPriorVariance, Double priorityPriorVariance,
                               List<Double> priorVarianceGrid, FeatureSettings features, Pruning pruning, long seed,
                               String selection, Double categoryTemperature, Double priorityTemperature, String prior) {
            this(trainer, categoryPriorVariance, priorityPriorVariance, priorVarianceGrid, features, pruning, seed,
                    selection, categoryTemperature, priorityTemperature, prior, null);
        }

        /** Hyper-parameters without a record of how they were selected, and no temperature. */
        public HyperParameters(String trainer, double categoryPriorVariance, Double priorityPriorVariance,
                               List<Double> priorVarianceGrid, FeatureSettings features, Pruning pruning, long seed) {
            this(trainer, categoryPriorVariance, priorityPriorVariance, priorVarianceGrid, features, pruning, seed, null,
                    null, null);
        }

        /** Hyper-parameters without the prior's kind: a Gaussian prior. */
        public HyperParameters(String trainer, double categoryPriorVariance, Double priorityPriorVariance,
                               List<Double> priorVarianceGrid, FeatureSettings features, Pruning pruning, long seed,
                               String selection, Double categoryTemperature, Double priorityTemperature) {
            this(trainer, categoryPriorVariance, priorityPriorVariance, priorVarianceGrid, features, pruning, seed,
                    selection, categoryTemperature, priorityTemperature, null);
        }
    }

    /**
     * Rare-feature pruning.
     *
     * @param minFeatureCount features seen fewer times than this in the training rows were dropped
     * @param featuresBefore  distinct features before pruning
     * @param featuresAfter   distinct features kept
     */
    public record Pruning(int minFeatureCount, int featuresBefore, int featuresAfter) {
    }

    /** Held-out metrics of both heads; {@code priority} is null without a priority head. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeldOutMetrics(HeadMetrics category, HeadMetrics priority) {
    }

    /**
     * One head's held-out metrics.
     *
     * @param perClassF1 F1 of every label, in label order
     */
    public record HeadMetrics(int rows, double accuracy, double macroPrecision, double macroRecall, double macroF1,
                              Map<String, Double> perClassF1) {
    }

    /**
     * How the review threshold was chosen on the validation split.
     *
     * @param targetPrecision the precision wanted among tickets at or above the threshold
     * @param reached         false when no threshold reached it and the threshold was capped
     * @param precision       the validation precision at or above the threshold
     * @param coverage        the share of validation tickets at or above it
     * @param validationRows  the size of the validation split
     */
    public record ReviewThresholdChoice(double targetPrecision, boolean reached, double precision, double coverage,
                                        int validationRows) {
    }

    /**
     * Which rows the shipped model was fitted on, next to the model the held-out metrics measured. By default
     * {@code train} measures a model fitted on the training part, then refits the same settings on every row, held-out
     * rows included (more rows, a better model; the metrics are then an estimate for it, slightly pessimistic).
     *
     * @param everyRow     whether the shipped model was fitted on every usable row of the training file (with a separate
     *                     test file, the measured model already is; false with {@code --no-refit} and no test file)
     * @param rows         the rows the shipped model was fitted on
     * @param measuredRows the rows the model measured on the held-out tickets was fitted on (equal to {@code rows} when
     *                     the shipped model is the measured one)
     * @param calibration  how the temperature and the review threshold of the shipped model were set
     */
    public record FinalFit(boolean everyRow, int rows, int measuredRows, String calibration) {
    }
}
