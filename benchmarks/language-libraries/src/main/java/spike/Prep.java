package spike;

import java.util.regex.Pattern;

/** Removes what carries no language (URLs, e-mail addresses, paths, code identifiers, numbers) before detection. */
final class Prep {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)\\S+");
  private static final Pattern EMAIL = Pattern.compile("\\S+@\\S+");
  // tokens with a dot/underscore/slash/brackets/=/digits inside: java.lang.Foo, Client.send(Client.java:88), C:\x
  private static final Pattern CODE = Pattern.compile("\\S*(?:[A-Za-z0-9][._/\\\\:=$#(\\[][A-Za-z0-9]|\\d)\\S*");

  static String clean(String text) {
    String t = URL.matcher(text).replaceAll(" ");
    t = EMAIL.matcher(t).replaceAll(" ");
    t = CODE.matcher(t).replaceAll(" ");
    return t;
  }

  static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) n++;
      i += Character.charCount(cp);
    }
    return n;
  }
}
