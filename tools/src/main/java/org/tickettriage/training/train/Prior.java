package org.tickettriage.training.train;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How a head is fitted: the prior (regulariser) of a MaxEnt head, or a linear SVM in its place, named as in the model
 * card's {@code prior}.
 *
 * <p>Its strength is one number per head: the Gaussian variance (larger is weaker), the L1 weight (larger is
 * stronger) or the SVM's cost C (larger is weaker); {@link #strongestFirst} orders a grid the way model selection
 * walks it.
 */
public enum Prior {

    /** L2, fitted with L-BFGS; the strength is the variance. */
    GAUSSIAN("gaussian", "variance"),

    /**
     * L1, fitted with OWL-QN as {@code MaxEntL1Trainer} does; the strength is the weight on the sum of absolute
     * parameter values, against the summed (not averaged) log-likelihood, so it does not scale with the row count.
     */
    L1("l1", "L1 weight"),

    /**
     * Not a MaxEnt at all: a one-vs-rest linear SVM (L2 regulariser, squared hinge loss; {@link LinearSvm}), whose
     * weights are served as a MaxEnt head's and calibrated by the temperature; the strength is the cost C.
     */
    SVM("svm", "C");

    private final String id;
    private final String strengthName;

    Prior(String id, String strengthName) {
        this.id = id;
        this.strengthName = strengthName;
    }

    /** The name used on the command line and in the model card: {@code gaussian} or {@code l1}. */
    public String id() {
        return id;
    }

    /** What the strength is called in messages: "variance" or "L1 weight". */
    public String strengthName() {
        return strengthName;
    }

    /** The prior named {@code id} (case-insensitive), or null when it names none. */
    public static Prior byId(String id) {
        for (Prior p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    /**
     * What a model card's strength is, for people: "Gaussian prior variance", "L1 prior weight" or "linear SVM, cost
     * C", from the card's {@code prior} ({@code null} or unknown: Gaussian, as cards before the field mean).
     */
    public static String describeStrength(String cardPrior) {
        Prior prior = cardPrior == null ? null : byId(cardPrior);
        return prior == L1 ? "L1 prior weight" : prior == SVM ? "linear SVM, cost C" : "Gaussian prior variance";
    }

    /** {@code grid} from the strongest prior to the weakest: weaker fits overfit more and take longer. */
    public List<Double> strongestFirst(List<Double> grid) {
        Comparator<Double> ascending = Comparator.naturalOrder();
        return grid.stream().distinct().sorted(this != L1 ? ascending : ascending.reversed()).toList();
    }
}
