package spike;

import com.github.pemistahl.lingua.api.*;

/** Entry point for the shaded-jar size check: minimizeJar keeps what this reaches. */
public final class LinguaMain {
  public static void main(String[] args) {
    LanguageDetectorBuilder b = LanguageDetectorBuilder.fromIsoCodes639_1(IsoCode639_1.EN, IsoCode639_1.DE);
    if (args.length > 0 && args[0].equals("lo")) b = b.withLowAccuracyMode();
    LanguageDetector d = b.withPreloadedLanguageModels().build();
    System.out.println(d.computeLanguageConfidenceValues("Das ist ein kurzer Test"));
  }
}
