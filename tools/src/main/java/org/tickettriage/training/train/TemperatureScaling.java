package org.tickettriage.training.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tickettriage.training.evaluate.ScoredTicket;

/**
 * Fits the temperature T that makes a head's probabilities honest on validation answers: the probabilities become
 * {@code p^(1/T)}, renormalised (the logits divided by T), with T minimising the log-loss. A strong Gaussian prior
 * shrinks the weights and leaves MaxEnt under-confident (T below 1 sharpens it); the predicted label never changes.
 * The log-loss is convex in {@code 1/T}, so a golden-section search finds the minimum.
 */
final class TemperatureScaling {

    private static final double MIN_INVERSE = 0.05;
    private static final double MAX_INVERSE = 20;

    private TemperatureScaling() {
    }

    /**
     * The temperature for these validation answers; 1 when there are none.
     *
     * @param actual        each ticket's true label
     * @param probabilities each ticket's probabilities, in the same order
     */
    static double fit(List<String> actual, List<Map<String, Double>> probabilities) {
        List<double[]> logits = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            Map<String, Double> p = probabilities.get(i);
            if (!p.containsKey(actual.get(i))) {
                continue; // a label this fold's model never saw: no probability to calibrate
            }
            double[] l = new double[p.size()];
            int j = 0;
            int t = -1;
            for (Map.Entry<String, Double> e : p.entrySet()) {
                if (e.getKey().equals(actual.get(i))) {
                    t = j;
                }
                l[j++] = Math.log(Math.max(e.getValue(), 1e-300));
            }
            logits.add(l);
            truth.add(t);
        }
        if (logits.isEmpty()) {
            return 1.0;
        }
        double lo = Math.log(MIN_INVERSE);
        double hi = Math.log(MAX_INVERSE);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = logLoss(logits, truth, Math.exp(a));
        double fb = logLoss(logits, truth, Math.exp(b));
        for (int k = 0; k < 60; k++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = logLoss(logits, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = logLoss(logits, truth, Math.exp(b));
            }
        }
        return 1.0 / Math.exp((lo + hi) / 2);
    }

    /** The tickets with their confidence recomputed at {@code temperature}. */
    static List<ScoredTicket> apply(List<ScoredTicket> tickets, List<Map<String, Double>> probabilities, double temperature) {
        List<ScoredTicket> out = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            Map<String, Double> p = probabilities.get(i);
            double predicted = p.getOrDefault(tickets.get(i).predicted(), 0.0);
            double sum = 0;
            for (double v : p.values()) {
                sum += Math.pow(v, 1 / temperature);
            }
            double confidence = sum > 0 ? Math.pow(predicted, 1 / temperature) / sum : tickets.get(i).confidence();
            out.add(new ScoredTicket(tickets.get(i).actual(), tickets.get(i).predicted(), confidence));
        }
        return out;
    }

    private static double logLoss(List<double[]> logits, List<Integer> truth, double inverse) {
        double total = 0;
        for (int i = 0; i < logits.size(); i++) {
            double[] l = logits.get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (double x : l) {
                max = Math.max(max, inverse * x);
            }
            double sum = 0;
            for (double x : l) {
                sum += Math.exp(inverse * x - max);
            }
            total += max + Math.log(sum) - inverse * l[truth.get(i)];
        }
        return total / logits.size();
    }
}
