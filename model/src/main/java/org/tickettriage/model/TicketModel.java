package org.tickettriage.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a model file holds, and so everything needed to score a ticket: how text becomes features, the
 * vocabulary, IDF weights, the heads and what serving echoes (version, review threshold). {@link ModelFile} reads
 * and writes it; {@link MaxEntTicketClassifier} scores with it.
 *
 * @param modelVersion     a short identifier, echoed in every result
 * @param createdAt        when training finished, ISO-8601 UTC, or empty
 * @param reviewThreshold  below this category confidence a person should confirm the category
 * @param provenance       who wrote the file and from what (e.g. {@code writer}, {@code malletVersion}), for people
 * @param features         how text becomes features, the tokenizer version included
 * @param vocabulary       the feature names in index order
 * @param idf              one inverse document frequency per feature when {@code features.idf()}, else null
 * @param heads            the category head first, then the priority head if any, then heads a later release adds
 */
public record TicketModel(String modelVersion, String createdAt, double reviewThreshold, Map<String, String> provenance,
                          FeatureSettings features, Vocabulary vocabulary, double[] idf, List<ModelHead> heads) {

    /** The largest IDF weight: {@code ln((1 + n) / (1 + df)) + 1} is about 24 for ten billion training rows. */
    public static final double MAX_IDF = 1000;

    public TicketModel {
        Objects.requireNonNull(modelVersion, "modelVersion");
        createdAt = createdAt == null ? "" : createdAt;
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(vocabulary, "vocabulary");
        heads = List.copyOf(heads);
        if (modelVersion.isEmpty()) {
            throw new IllegalArgumentException("the model has no version");
        }
        if (!(reviewThreshold >= 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("review threshold " + reviewThreshold + " is not in [0, 1]");
        }
        if (features.idf() != (idf != null)) {
            throw new IllegalArgumentException(features.idf() ? "IDF weighting without IDF weights" : "IDF weights without IDF weighting");
        }
        if (idf != null && idf.length != vocabulary.size()) {
            throw new IllegalArgumentException(idf.length + " IDF weights for " + vocabulary.size() + " features");
        }
        for (int i = 0; idf != null && i < idf.length; i++) {
            if (!(idf[i] > 0 && idf[i] <= MAX_IDF)) {
                throw new IllegalArgumentException("IDF weight " + idf[i] + " at feature " + i + " is not in (0, " + MAX_IDF + "]");
            }
        }
        if (heads.isEmpty() || !heads.get(0).name().equals(ModelHead.CATEGORY)) {
            throw new IllegalArgumentException("the first head must be the " + ModelHead.CATEGORY + " head");
        }
        Set<String> names = new HashSet<>();
        for (ModelHead head : heads) {
            if (!names.add(head.name())) {
                throw new IllegalArgumentException("two heads are named " + head.name());
            }
            if (head.name().equals(ModelHead.PRIORITY) && !head.ordinal()) {
                throw new IllegalArgumentException("the priority head's labels must be a scale, lowest first");
            }
            if (head.featureCount() != vocabulary.size()) {
                throw new IllegalArgumentException("head " + head.name() + " has weights for " + head.featureCount()
                        + " features, the vocabulary " + vocabulary.size());
            }
        }
    }

    /** The {@link Tokenizer} version the model was trained with, and so the one its features need. */
    public int tokenizerVersion() {
        return features.tokenizerVersion();
    }

    /** The category head. */
    public ModelHead category() {
        return heads.get(0);
    }

    /** The head named {@code name}, or null. */
    public ModelHead head(String name) {
        for (ModelHead head : heads) {
            if (head.name().equals(name)) {
                return head;
            }
        }
        return null;
    }

    /** The priority head, or null when the model predicts no priority. */
    public ModelHead priority() {
        return head(ModelHead.PRIORITY);
    }

    /** The category labels, in the head's order. */
    public List<String> categoryLabels() {
        return category().labels();
    }

    /** The priority labels lowest first, empty without a priority head. */
    public List<String> priorityLabels() {
        ModelHead priority = priority();
        return priority == null ? List.of() : priority.labels();
    }

    /** Names of the heads, in file order. */
    public List<String> headNames() {
        List<String> names = new ArrayList<>();
        heads.forEach(h -> names.add(h.name()));
        return names;
    }
}
