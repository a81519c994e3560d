package spike;

import java.io.*;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/**
 * java -cp ... spike.Bench init  CAND            one fresh-JVM init measurement (CPU ms, wall ms, retained heap)
 * java -cp ... spike.Bench lat   CAND CSV        per-call latency over the CSV's texts after warm-up
 * java -cp ... spike.Bench eval  CAND CSV OUT    one line per row: row,label,lang,c1,c2,rawTop,chars
 * java -cp ... spike.Bench probe CAND            short / mixed / foreign probes
 */
public final class Bench {
  static final String SAMPLE = "Cannot log in after password reset\nHello support team,\n\nsince this morning I cannot "
      + "log in to the customer portal. I reset my password twice and the reset e-mail arrives, but the new password "
      + "is rejected with 'invalid credentials'. Could you please check my account and unlock it?\n\nThanks, Anna";

  public static void main(String[] a) throws Exception {
    switch (a[0]) {
      case "init" -> init(a[1]);
      case "lat" -> lat(a[1], a[2]);
      case "eval" -> eval(a[1], a[2], a[3]);
      case "probe" -> probe(a[1]);
      case "tagger" -> tagger(a[1], a.length > 2 ? a[2] : null);
      default -> throw new IllegalArgumentException(a[0]);
    }
  }

  static final boolean CLEAN = Boolean.getBoolean("clean");

  static String prep(String text) { return CLEAN ? Prep.clean(text) : text; }

  /** -Dfield=all (subject + body, default) | subject | words2 (first two words of the subject) | midN (see below) */
  static String field(String[] row) {
    String f = System.getProperty("field", "all");
    if (f.equals("all")) return Csv.text(row);
    if (f.startsWith("mid")) { // whole words from the body's middle third, about N characters: short text, reliable truth
      int n = Integer.parseInt(f.substring(3));
      String body = row[1].replace("\\n", " ").replaceAll("\\s+", " ").strip();
      int start = body.indexOf(' ', body.length() / 3);
      if (start < 0 || body.length() - start < n + 10) return null;
      StringBuilder b = new StringBuilder();
      for (String w : body.substring(start + 1).split(" ")) {
        if (b.length() >= n) break;
        if (b.length() > 0) b.append(' ');
        b.append(w);
      }
      return b.toString();
    }
    String subj = row[0].strip();
    if (subj.isEmpty()) return null;
    if (f.equals("subject")) return subj;
    String[] w = subj.split("\\s+");
    return w.length < 2 ? null : w[0] + " " + w[1];
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long usedAfterGc() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) { System.gc(); Thread.sleep(50); best = Math.min(best, r.totalMemory() - r.freeMemory()); }
    return best;
  }

  static void init(String cand) throws Exception {
    long heap0 = usedAfterGc();
    long cpu0 = cpuNanos(), wall0 = System.nanoTime();
    Detectors.Det d = Detectors.build(cand);
    long cpu1 = cpuNanos(), wall1 = System.nanoTime();
    Detectors.Result r = d.detect(SAMPLE);
    long cpu2 = cpuNanos(), wall2 = System.nanoTime();
    // Lingua loads lower-order n-gram models lazily on the first texts (back-off): touch every language once
    // with some more text before measuring the heap, as a SnapStart priming step would.
    for (String s : Probes.PRIMING) d.detect(s);
    long heap1 = usedAfterGc();
    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
    System.out.printf(Locale.ROOT, "%s\tbuildCpuMs=%.0f\tbuildWallMs=%.0f\tfirstCallCpuMs=%.0f\tfirstCallWallMs=%.0f"
            + "\tretainedHeapMB=%.1f\tfirst=%s\tuptimeMs=%d%n",
        cand, (cpu1 - cpu0) / 1e6, (wall1 - wall0) / 1e6, (cpu2 - cpu0) / 1e6, (wall2 - wall0) / 1e6,
        (heap1 - heap0) / 1048576.0, r.lang(), jvmStartMs);
    System.exit(0); // Lingua's common-pool threads are daemons, but be explicit
  }

  static void lat(String cand, String csv) throws Exception {
    Detectors.Det d = Detectors.build(cand);
    List<String> texts = Csv.texts(Path.of(csv));
    for (int p = 0; p < 3; p++) for (String t : texts) d.detect(t); // warm-up
    int passes = 3;
    long[] ns = new long[texts.size() * passes];
    int k = 0;
    for (int p = 0; p < passes; p++) {
      for (String t : texts) {
        long t0 = System.nanoTime();
        d.detect(t);
        ns[k++] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(ns);
    System.out.printf(Locale.ROOT, "%s\tcalls=%d\tmedianUs=%.0f\tp90Us=%.0f\tp99Us=%.0f%n", cand, ns.length,
        ns[ns.length / 2] / 1e3, ns[ns.length * 9 / 10] / 1e3, ns[ns.length * 99 / 100] / 1e3);
    System.exit(0);
  }

  static void eval(String cand, String csv, String out) throws Exception {
    Detectors.Det d = Detectors.build(cand);
    List<String[]> rows = Csv.read(Path.of(csv));
    String[] header = rows.get(0);
    int langCol = Arrays.asList(header).indexOf("language");
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8))) {
      w.println("row\tlabel\tlang\tc1\tc2\trawTop\tletters");
      for (int i = 1; i < rows.size(); i++) {
        String text = prep(field(rows.get(i)));
        if (text == null) continue; // subject-only modes skip rows without a subject
        Detectors.Result r = d.detect(text);
        w.printf(Locale.ROOT, "%d\t%s\t%s\t%.6f\t%.6f\t%s\t%d%n", i, rows.get(i)[langCol], r.lang(), r.c1(), r.c2(),
            r.rawTop(), Prep.letters(text));
      }
    }
    System.exit(0);
  }

  /** the recommended LanguageTagger: per-row tags of a CSV (stdout), or the probes when no CSV is given */
  static void tagger(String set, String csv) throws Exception {
    LanguageTagger t = new LanguageTagger(new HashSet<>(Arrays.asList(set.split(","))));
    if (csv == null) {
      for (String[] p : Probes.PROBES) System.out.printf(Locale.ROOT, "%s\t%s%n", p[0], t.tag(p[1]));
    } else {
      List<String[]> rows = Csv.read(Path.of(csv));
      for (int i = 1; i < rows.size(); i++) {
        String text = field(rows.get(i));
        if (text != null) System.out.printf(Locale.ROOT, "%d\t%s%n", i, t.tag(text).language());
      }
    }
    System.exit(0);
  }

  static void probe(String cand) throws Exception {
    Detectors.Det d = Detectors.build(cand);
    for (String[] p : Probes.PROBES) {
      String text = prep(p[1]);
      Detectors.Result r = d.detect(text);
      System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f\t%s\t%d%n", cand, p[0], r.lang(), r.c1(), r.c2(), r.rawTop(),
          Prep.letters(text));
    }
    System.exit(0);
  }
}
