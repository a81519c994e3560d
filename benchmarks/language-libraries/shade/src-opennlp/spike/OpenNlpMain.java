package spike;

import opennlp.tools.langdetect.*;

/** Entry point for the shaded-jar size check: minimizeJar keeps what this reaches. */
public final class OpenNlpMain {
  public static void main(String[] args) throws Exception {
    try (var in = OpenNlpMain.class.getResourceAsStream("/langdetect-183.bin")) {
      var d = new ThreadSafeLanguageDetectorME(new LanguageDetectorModel(in));
      System.out.println(d.predictLanguage("Das ist ein kurzer Test"));
    }
  }
}
