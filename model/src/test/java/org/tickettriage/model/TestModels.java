package org.tickettriage.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Models built in the test itself, weights and all, so the format and scorer are tested without MALLET. */
final class TestModels {

    private TestModels() {
    }

    /**
     * A model over {@code words} (and their pairs, subject-prefixed forms and 3-4 character n-grams when the settings
     * ask for them), with weights drawn from {@code seed}: a category head of three labels and, if asked, an ordinal
     * priority head of two.
     */
    static TicketModel random(FeatureSettings settings, List<String> words, boolean withPriority, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        Tokenizer tokenizer = new Tokenizer(settings);
        for (int i = 0; i < words.size(); i++) {
            for (String f : tokenizer.features(words.get(i), words.get(i) + " " + words.get((i + 1) % words.size()))) {
                if (!names.contains(f)) {
                    names.add(f);
                }
            }
        }
        Vocabulary vocabulary = Vocabulary.of(names);
        double[] idf = null;
        if (settings.idf()) {
            idf = new double[names.size()];
            for (int i = 0; i < idf.length; i++) {
                idf[i] = 1 + random.nextDouble() * 3;
            }
        }
        List<ModelHead> heads = new ArrayList<>();
        heads.add(head(ModelHead.CATEGORY, false, List.of("Account", "Billing", "Bug"), 0.8, names.size(), random));
        if (withPriority) {
            heads.add(head(ModelHead.PRIORITY, true, List.of("Low", "High"), 1.3, names.size(), random));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("writer", "TestModels");
        return new TicketModel("test-model", "2026-11-30T00:00:00Z", 0.6, provenance, settings, vocabulary, idf, heads);
    }

    static ModelHead head(String name, boolean ordinal, List<String> labels, double temperature, int features,
                          Random random) {
        double[] biases = new double[labels.size()];
        double[] weights = new double[features * labels.size()];
        for (int i = 0; i < biases.length; i++) {
            biases[i] = random.nextGaussian() * 0.3;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextGaussian();
        }
        return new ModelHead(name, ordinal, labels, temperature, biases, weights);
    }

    static final List<String> WORDS = List.of("refund", "charged", "twice", "invoice", "password", "login", "account",
            "locked", "crash", "error", "0x80070005", "v2.3", "e-mail", "<url>", "<money>", "<number>", "naïve", "中文");
}
