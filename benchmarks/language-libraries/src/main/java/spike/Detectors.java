package spike;

import java.io.InputStream;
import java.util.*;

/** One interface over the candidates; the und rule is applied afterwards (analyse.py), from the raw figures. */
public final class Detectors {

  /** lang: best language inside the allowed set (ISO 639-1) or "und" when the library gives none;
   *  c1/c2: the library's score of the best and second-best allowed language;
   *  rawTop: the library's overall best label before restriction (OpenNLP: its 639-3 code). */
  public record Result(String lang, double c1, double c2, String rawTop) {}

  public interface Det { Result detect(String text); }

  public static final List<String> SET7 = List.of("en", "de", "fr", "es", "pt", "it", "nl");
  public static final List<String> SET20 = List.of("en", "de", "fr", "es", "pt", "it", "nl",
      "pl", "cs", "sv", "da", "nb", "fi", "ru", "uk", "ja", "zh", "tr", "ro", "hu");

  /** name: lingua7-hi, lingua20-lo, lingua7-lo-lazy, opennlp7, opennlp20, optimaize7, optimaize20 */
  public static Det build(String name) throws Exception {
    List<String> set = name.contains("All") ? null : name.contains("20") ? SET20 : SET7;
    if (name.startsWith("lingua")) return lingua(set, name.contains("-lo"), !name.endsWith("-lazy"));
    if (name.startsWith("opennlp")) return opennlp(set);
    if (name.startsWith("optimaize")) return optimaize(set);
    if (name.equals("none")) return t -> new Result("und", 0, 0, "");
    throw new IllegalArgumentException(name);
  }

  // ---------------------------------------------------------------- Lingua
  static Det lingua(List<String> set, boolean low, boolean eager) {
    var codes = set == null ? null : set.stream().map(c -> com.github.pemistahl.lingua.api.IsoCode639_1.valueOf(c.toUpperCase()))
        .toArray(com.github.pemistahl.lingua.api.IsoCode639_1[]::new);
    var b = codes == null ? com.github.pemistahl.lingua.api.LanguageDetectorBuilder.fromAllLanguages()
        : com.github.pemistahl.lingua.api.LanguageDetectorBuilder.fromIsoCodes639_1(codes);
    if (low) b = b.withLowAccuracyMode();
    if (eager) b = b.withPreloadedLanguageModels();
    var d = b.build(); // thread-safe; models live in static maps shared by all detectors
    return text -> {
      SortedMap<com.github.pemistahl.lingua.api.Language, Double> m = d.computeLanguageConfidenceValues(text);
      if (m.isEmpty()) return new Result("und", 0, 0, "");
      var it = m.entrySet().iterator();
      var first = it.next();
      double c2 = it.hasNext() ? it.next().getValue() : 0.0;
      String code = first.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
      return new Result(code, first.getValue(), c2, code);
    };
  }

  // ---------------------------------------------------------------- OpenNLP
  static final Map<String, String> ISO3_TO_1 = new HashMap<>();
  static {
    for (String two : Locale.getISOLanguages()) {
      try { ISO3_TO_1.put(new Locale(two).getISO3Language(), two); } catch (MissingResourceException ignored) {}
    }
    ISO3_TO_1.put("cmn", "zh"); ISO3_TO_1.put("nob", "nb"); ISO3_TO_1.put("nor", "nb");
    ISO3_TO_1.put("pes", "fa"); ISO3_TO_1.put("ekk", "et"); ISO3_TO_1.put("lvs", "lv");
    ISO3_TO_1.put("zsm", "ms"); ISO3_TO_1.put("swh", "sw");
  }

  static Det opennlp(List<String> set) throws Exception {
    opennlp.tools.langdetect.LanguageDetectorModel model;
    try (InputStream in = Detectors.class.getResourceAsStream("/langdetect-183.bin")) {
      model = new opennlp.tools.langdetect.LanguageDetectorModel(in);
    }
    // LanguageDetectorME holds no per-call state but is not annotated thread-safe; ThreadSafeLanguageDetectorME
    // wraps one instance per thread.
    var d = new opennlp.tools.langdetect.ThreadSafeLanguageDetectorME(model);
    Set<String> allowed = set == null ? null : new HashSet<>(set);
    return text -> {
      opennlp.tools.langdetect.Language[] all = d.predictLanguages(text); // sorted, probabilities over 103
      String best = "und"; double c1 = 0, c2 = 0;
      for (var l : all) {
        String two = ISO3_TO_1.getOrDefault(l.getLang(), l.getLang());
        if (allowed != null && !allowed.contains(two)) continue;
        if (best.equals("und")) { best = two; c1 = l.getConfidence(); }
        else { c2 = l.getConfidence(); break; }
      }
      return new Result(best, c1, c2, all.length == 0 ? "" : all[0].getLang());
    };
  }

  // ---------------------------------------------------------------- Optimaize (unmaintained, 2016)
  static Det optimaize(List<String> set) throws Exception {
    List<com.optimaize.langdetect.i18n.LdLocale> locales = new ArrayList<>();
    for (String c : set) {
      String p = switch (c) { case "nb" -> "no"; case "zh" -> "zh-CN"; default -> c; };
      locales.add(com.optimaize.langdetect.i18n.LdLocale.fromString(p));
    }
    var profiles = new com.optimaize.langdetect.profiles.LanguageProfileReader().readBuiltIn(locales);
    var d = com.optimaize.langdetect.LanguageDetectorBuilder
        .create(com.optimaize.langdetect.ngram.NgramExtractors.standard()).withProfiles(profiles).build();
    var factory = com.optimaize.langdetect.text.CommonTextObjectFactories.forDetectingOnLargeText();
    return text -> {
      var probs = d.getProbabilities(factory.forText(text));
      if (probs.isEmpty()) return new Result("und", 0, 0, "");
      String lang = probs.get(0).getLocale().getLanguage();
      if (lang.equals("no")) lang = "nb";
      return new Result(lang, probs.get(0).getProbability(), probs.size() > 1 ? probs.get(1).getProbability() : 0,
          lang);
    };
  }
}
