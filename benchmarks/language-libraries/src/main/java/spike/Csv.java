package spike;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/** RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
final class Csv {
  static List<String[]> read(Path p) throws IOException {
    String s = Files.readString(p, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (q) {
        if (c == '"') { if (i + 1 < s.length() && s.charAt(i + 1) == '"') { f.append('"'); i++; } else q = false; }
        else f.append(c);
      } else if (c == '"') q = true;
      else if (c == ',') { row.add(f.toString()); f.setLength(0); }
      else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
        row.add(f.toString()); f.setLength(0); rows.add(row.toArray(String[]::new)); row = new ArrayList<>();
      } else f.append(c);
    }
    if (f.length() > 0 || !row.isEmpty()) { row.add(f.toString()); rows.add(row.toArray(String[]::new)); }
    return rows;
  }

  /** subject + "\n" + body, with the dataset's literal "\n" escapes turned into newlines. */
  static String text(String[] r) {
    return (r[0] + "\n" + r[1]).replace("\\n", "\n");
  }

  static List<String> texts(Path p) throws IOException {
    List<String[]> rows = read(p);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) out.add(text(rows.get(i)));
    return out;
  }
}
