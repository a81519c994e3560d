package org.tickettriage.training.train;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The prior (regulariser) a MaxEnt head is fitted with, named as in the model card's {@code prior}.
 *
 * <p>Its strength is one number per head: the Gaussian variance (larger is weaker) or the L1 weight (larger is
 * stronger); {@link #strongestFirst} orders a grid the way model selection walks it.
 */
public enum Prior {

    /** L2, fitted with L-BFGS; the strength is the variance. */
    GAUSSIAN("gaussian", "variance"),

    /**
     * L1, fitted with OWL-QN as {@code MaxEntL1Trainer} does; the strength is the weight on the sum of absolute
     * parameter values, against the summed (not averaged) log-likelihood, so it does not scale with the row count.
     */
    L1("l1", "L1 weight");

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

    /** {@code grid} from the strongest prior to the weakest: weaker fits overfit more and take longer. */
    public List<Double> strongestFirst(List<Double> grid) {
        Comparator<Double> ascending = Comparator.naturalOrder();
        return grid.stream().distinct().sorted(this == GAUSSIAN ? ascending : ascending.reversed()).toList();
    }
}
