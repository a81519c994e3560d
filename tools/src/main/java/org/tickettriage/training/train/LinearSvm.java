package org.tickettriage.training.train;

import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.Labeling;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;
import java.util.Random;

/**
 * Fits a head as a linear support vector machine: one-vs-rest, L2-regularised squared hinge loss, solved in the dual
 * by LIBLINEAR's coordinate descent (its Java port), which is what scikit-learn's {@code LinearSVC} runs, with the same
 * defaults (tolerance 1e-4, at most 1,000 passes, an intercept regularised as one more feature of value 1).
 *
 * <p>The weights come back in MALLET's layout, so the head is served, explained, calibrated and written exactly as a
 * MaxEnt head: the served probabilities are the softmax of the SVM's decision values divided by the temperature that
 * training fits on validation answers (temperature scaling of the margins). Nothing about serving or the model format
 * changes: a model file does not say which loss its weights were fitted with (the model card does).
 */
final class LinearSvm {

    /** scikit-learn's {@code LinearSVC(tol=1e-4)}: LIBLINEAR's own default for this solver (0.1) stops much earlier. */
    static final double TOLERANCE = 1e-4;
    /** scikit-learn's {@code LinearSVC(max_iter=1000)}, which is also LIBLINEAR's cap for the dual solvers. */
    static final int MAX_PASSES = 1000;
    /**
     * The bias of a label that has no fitting rows: below any decision value of a normalised ticket, so that such a
     * label is never the answer (a MaxEnt head gives it zero weights and the lowest scores on its own).
     */
    static final double ABSENT_LABEL_BIAS = -100;

    static {
        Linear.disableDebugOutput(); // it prints every solver's progress on stdout; the commands print their own
    }

    private LinearSvm() {
    }

    /**
     * The weights of a linear SVM with cost {@code c} (larger is weaker regularisation) fitted on {@code instances},
     * in MALLET's layout ({@code [label * (features + 1) + feature]}, the bias last), over the instances' feature and
     * label alphabets. Deterministic: the solver's random order of coordinates has a fixed seed per fit, so fits on
     * several threads give the same weights as one after another.
     */
    static double[] fit(InstanceList instances, double c) {
        Model model = Linear.train(problem(instances), parameter(c));
        return parameters(model, instances.getDataAlphabet().size(), instances.getTargetAlphabet().size());
    }

    /** The solver's settings at cost {@code c}, with a fresh fixed-seed random order of its own. */
    static Parameter parameter(double c) {
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, TOLERANCE, MAX_PASSES, 0.1);
        parameter.setRandom(new Random(0));
        return parameter;
    }

    /** {@code instances} as LIBLINEAR's problem: label indices as targets, the intercept as feature n. */
    static Problem problem(InstanceList instances) {
        int features = instances.getDataAlphabet().size();
        Problem problem = new Problem();
        problem.l = instances.size();
        problem.n = features + 1;
        problem.bias = 1;
        problem.x = new Feature[instances.size()][];
        problem.y = new double[instances.size()];
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            problem.x[i] = row((FeatureVector) instance.getData(), features);
            problem.y[i] = ((Labeling) instance.getTarget()).getBestIndex();
        }
        return problem;
    }

    /**
     * {@code model}'s decision functions in MALLET's layout: label {@code l}'s weights are those of LIBLINEAR's
     * {@code l}-versus-rest function (with two labels, LIBLINEAR keeps one function, and the second label's is its
     * negation, as its own {@code get_decfun_coef} gives them); a label with no fitting rows gets
     * {@link #ABSENT_LABEL_BIAS}.
     */
    static double[] parameters(Model model, int features, int labels) {
        int stride = features + 1;
        double[] parameters = new double[stride * labels];
        for (int label = 0; label < labels; label++) {
            parameters[label * stride + features] = ABSENT_LABEL_BIAS;
        }
        int[] fitted = model.getLabels();
        for (int k = 0; k < fitted.length; k++) {
            int label = fitted[k];
            for (int f = 0; f < features; f++) {
                parameters[label * stride + f] = model.getDecfunCoef(f + 1, k);
            }
            parameters[label * stride + features] = model.getDecfunBias(k);
        }
        return parameters;
    }

    /** One ticket's features as LIBLINEAR wants them: 1-based indices, ascending, then the intercept's feature. */
    private static Feature[] row(FeatureVector vector, int features) {
        int n = vector.numLocations();
        long[] packed = new long[n];
        double[] values = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double value = vector.valueAtLocation(i);
            if (value != 0) {
                packed[kept] = ((long) vector.indexAtLocation(i) << 32) | kept;
                values[kept] = value;
                kept++;
            }
        }
        Arrays.sort(packed, 0, kept);
        Feature[] row = new Feature[kept + 1];
        int previous = -1;
        int size = 0;
        for (int i = 0; i < kept; i++) {
            int index = (int) (packed[i] >>> 32);
            double value = values[(int) packed[i]];
            if (index == previous) { // a feature listed twice sums, as MALLET's dot product does
                FeatureNode last = (FeatureNode) row[size - 1];
                last.setValue(last.getValue() + value);
            } else {
                row[size++] = new FeatureNode(index + 1, value);
                previous = index;
            }
        }
        row[size++] = new FeatureNode(features + 1, 1.0);
        return size == row.length ? row : Arrays.copyOf(row, size);
    }
}
