package org.tickettriage.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ResultsPageTest {

    @TempDir
    Path dir;

    private void report(String folder, double accuracy, double macroF1) throws IOException {
        Path d = dir.resolve("results").resolve(folder);
        Files.createDirectories(d);
        Files.writeString(d.resolve("metrics.json"), """
                {"accuracy": %s, "macroPrecision": 0.8, "macroRecall": 0.8, "macroF1": %s, "weightedScore": {"score": 0.85},
                 "ece": 0.03, "riskCoverage": {"area": 0.95}, "coverage": 0.9, "accuracyAtThreshold": 0.95,
                 "latency": {"p50Micros": 20, "p99Micros": 60}, "modelLoadMillis": 150, "machine": "2 CPUs",
                 "reviewThreshold": 0.6,
                 "hyperParameters": {"categoryPriorVariance": 30, "priorVarianceGrid": [1, 30],
                   "features": {"wordBigrams": true, "subjectFeatures": false, "binary": false, "charNgramMin": 3,
                                "charNgramMax": 5, "sublinear": true, "idf": true, "normalize": true},
                   "pruning": {"minFeatureCount": 2, "featuresBefore": 100, "featuresAfter": 50}}}
                """.formatted(accuracy, macroF1));
        Files.writeString(d.resolve("train.json"), "{\"trainSeconds\": 12.5, \"trainCommand\": \"./triage train --data x.csv\"}");
    }

    @Test
    void comparesEachDatasetWithItsBestBaselineAndAveragesPerRepositoryModels() throws IOException {
        report("banking77", 0.92, 0.92);
        report("nlbse24/a", 0.8, 0.76);
        report("nlbse24/b", 0.8, 0.80);
        Path baselines = dir.resolve("results/baselines");
        Files.createDirectories(baselines);
        Files.writeString(baselines.resolve("banking77.json"), """
                [{"baseline": "svc", "accuracy": 0.894, "macroPrecision": 0.9, "macroRecall": 0.89, "macroF1": 0.894, "sklearn": "1.2.1"},
                 {"baseline": "svc-chars", "accuracy": 0.912, "macroPrecision": 0.9, "macroRecall": 0.9, "macroF1": 0.912, "sklearn": "1.2.1"}]
                """);
        Files.writeString(dir.resolve("results/notes.md"), "Tried everything.\n");
        Files.writeString(dir.resolve("results/test-scoring.csv"), "date,commit,dataset,accuracy,macro_f1,why\n"
                + "2026-11-30,abc1234,banking77,0.9200,0.9100,\"refit on every row | first run\"\n"
                + "2026-11-30,abc1234,nlbse24-a,0.8,0.76,a results run\n"
                + "2026-11-30,abc1234,nlbse24-b,0.8,0.80,a results run\n"
                + "2026-11-30,def5678,banking77 (--prior l1),0.88,0.88,the L1 prior\n");
        Path out = dir.resolve("RESULTS.md");

        int code = new CommandLine(new ResultsPage()).execute("--results", dir.resolve("results").toString(), "--out", out.toString());

        assertThat(code).isZero();
        String page = Files.readString(out);
        assertThat(page).contains("| banking77 | accuracy | **0.9200** | 0.9120 (svc-chars) | ≥ 0.9100 | yes |");
        assertThat(page).contains("| nlbse24 | mean of per-part macro-F1 | **0.7800** | not measured | ≥ 0.7800 | yes |");
        assertThat(page).contains("features `words+bigrams+chars3-5+log+idf+norm`", "./triage train --data x.csv",
                "results/banking77/confusion.png", "Tried everything.");
        assertThat(page).contains("## Test-split scoring", "| date | commit | dataset | accuracy | macro_f1 | why |",
                "| 2026-11-30 | abc1234 | banking77 | 0.9200 | 0.9100 | refit on every row \\| first run |")
                .doesNotContain("another seed), scored once");
        assertThat(page).contains("test splits scored so far (a run over several parts of a dataset counts once): "
                + "banking77 2 times, nlbse24 1 time.");
    }

    @Test
    void perLanguageFiguresAreComparedWithTheLinearSvcBaselinesWithinTheIssuesTolerance() throws IOException {
        report("helpdesk_en_de", 0.44, 0.30);
        Path metrics = dir.resolve("results/helpdesk_en_de/metrics.json");
        Files.writeString(metrics, Files.readString(metrics).strip().replaceFirst("}$", """
                , "perLanguage": {"column": "language", "values": {
                    "en": {"rows": 543, "accuracy": 0.4500, "macroF1": 0.3000},
                    "de": {"rows": 268, "accuracy": 0.4300, "macroF1": 0.3500}}}}
                """));
        Files.writeString(dir.resolve("results/helpdesk_en_de/train.json"), "{\"trainSeconds\": 300, \"trainCommand\": "
                + "\"./triage train --data train.csv\", \"evaluateCommand\": \"./triage evaluate --per-language language\"}");
        Path baselines = dir.resolve("results/baselines");
        Files.createDirectories(baselines);
        Files.writeString(baselines.resolve("helpdesk_en_de.json"), """
                [{"baseline": "tfidf12-linearsvc", "accuracy": 0.45, "macroPrecision": 0.7, "macroRecall": 0.3, "macroF1": 0.36,
                  "sklearn": "1.2.1", "per": {"column": "language", "values": {
                    "de": {"testRows": 268, "accuracy": 0.4328, "macroF1": 0.3336},
                    "en": {"testRows": 543, "accuracy": 0.4586, "macroF1": 0.3744}}}},
                 {"baseline": "tfidf12-logreg", "accuracy": 0.4451, "macroPrecision": 0.7, "macroRecall": 0.3, "macroF1": 0.30,
                  "sklearn": "1.2.1", "per": {"column": "language", "values": {
                    "de": {"testRows": 268, "accuracy": 0.4030, "macroF1": 0.2237},
                    "en": {"testRows": 543, "accuracy": 0.4659, "macroF1": 0.3367}}}},
                 {"baseline": "tfidf12-char25-linearsvc", "accuracy": 0.4439, "macroPrecision": 0.6, "macroRecall": 0.3,
                  "macroF1": 0.38, "sklearn": "1.2.1", "per": {"column": "language", "values": {
                    "de": {"testRows": 268, "accuracy": 0.4142, "macroF1": 0.3485},
                    "en": {"testRows": 543, "accuracy": 0.4586, "macroF1": 0.3946}}}}]
                """);
        Path out = dir.resolve("RESULTS.md");

        int code = new CommandLine(new ResultsPage()).execute("--results", dir.resolve("results").toString(), "--out", out.toString());

        assertThat(code).isZero();
        String page = Files.readString(out);
        assertThat(page).contains("| helpdesk_en_de | accuracy | **0.4400** | 0.4500 (tfidf12-linearsvc) | ≥ 0.4400 | yes |");
        assertThat(page).contains("Per language (column `language`)",
                "| language | test rows | **ours** | tfidf12-linearsvc | tfidf12-logreg | tfidf12-char25-linearsvc "
                        + "| met vs tfidf12-linearsvc | met vs tfidf12-char25-linearsvc |",
                // English: 0.4586 - 0.01 = 0.4486 reached; macro-F1 0.3744 - 0.01 = 0.3644 missed by 0.0644, and the
                // char SVM's 0.3946 - 0.01 by 0.0846. The logistic regression's higher English accuracy is shown, not
                // compared: the issue names LinearSVC.
                "| en | 543 | **0.4500 / 0.3000** | 0.4586 / 0.3744 | 0.4659 / 0.3367 | 0.4586 / 0.3946 "
                        + "| yes / no (0.0644 short) | yes / no (0.0846 short) |",
                // German: above the char SVM's accuracy; macro-F1 0.3500 within 0.01 of its 0.3485 and above 0.3336.
                "| de | 268 | **0.4300 / 0.3500** | 0.4328 / 0.3336 | 0.4030 / 0.2237 | 0.4142 / 0.3485 | yes / yes | yes / yes |",
                "./triage train --data train.csv\n./triage evaluate --per-language language\n");
    }
}
