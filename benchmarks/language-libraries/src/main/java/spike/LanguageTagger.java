package spike;

import java.io.IOException;
import java.io.InputStream;
import java.util.*;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.ThreadSafeLanguageDetectorME;

/** The recommended detector and und rule, as the project would embed it (REPORT.md). Thread-safe. */
public final class LanguageTagger {
  public record Tag(String language, double confidence) {}

  static final double MIN_CONFIDENCE = 0.08; // fitted on the train split (fit: final.py, score "rm")
  private static final Map<String, String> ISO3_TO_1 = new HashMap<>();
  static {
    for (String two : Locale.getISOLanguages()) ISO3_TO_1.put(new Locale(two).getISO3Language(), two);
    ISO3_TO_1.putAll(Map.of("cmn", "zh", "nob", "nb", "ekk", "et", "lvs", "lv", "pes", "fa", "zsm", "ms", "swh", "sw"));
  }

  private final ThreadSafeLanguageDetectorME detector;
  private final Set<String> configured; // ISO 639-1 codes to report

  public LanguageTagger(Set<String> configured) throws IOException {
    try (InputStream in = LanguageTagger.class.getResourceAsStream("/langdetect-183.bin")) {
      detector = new ThreadSafeLanguageDetectorME(new LanguageDetectorModel(in)); // ~0.45 s CPU, 34 MiB: once, at init
    }
    this.configured = Set.copyOf(configured);
  }

  public Tag tag(String text) {
    String clean = Prep.clean(text);                        // URLs, e-mail addresses, code tokens, numbers out
    if (Prep.letters(clean) == 0) return new Tag("und", 0);
    Language[] all = detector.predictLanguages(clean);      // all 103 languages, best first
    String top = iso1(all[0].getLang());
    if (!configured.contains(top)) return new Tag("und", 0); // best language is one we do not report
    double p1 = all[0].getConfidence(), p2 = 0;
    for (int i = 1; i < all.length; i++) {
      if (configured.contains(iso1(all[i].getLang()))) { p2 = all[i].getConfidence(); break; }
    }
    double confidence = 1 - p2 / p1;                        // 0 = tie with another configured language
    return new Tag(confidence >= MIN_CONFIDENCE ? top : "und", confidence);
  }

  static String iso1(String iso3) { return ISO3_TO_1.getOrDefault(iso3, iso3); }
}
