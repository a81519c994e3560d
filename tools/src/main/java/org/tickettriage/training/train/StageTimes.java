package org.tickettriage.training.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wall time of each stage of {@code train}, measured on the thread that runs the pipeline (fits on other threads
 * count in the stage that waits for them), and a note per stage such as how many fits ran in it.
 */
final class StageTimes {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final long start;
    private long lapStart;

    StageTimes() {
        start = System.nanoTime();
        lapStart = start;
    }

    /** Ends the current stage and names it; a name used twice adds up. */
    void lap(String stage) {
        lap(stage, null);
    }

    /** As {@link #lap(String)}, with a note printed next to the time. */
    void lap(String stage, String note) {
        long now = System.nanoTime();
        nanos.merge(stage, now - lapStart, Long::sum);
        if (note != null) {
            notes.put(stage, note);
        }
        lapStart = now;
    }

    /** The stages so far, in order, with their seconds. */
    List<Map.Entry<String, Double>> seconds() {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        nanos.forEach((stage, n) -> out.add(Map.entry(stage, n / 1e9)));
        return out;
    }

    /** Prints a table of the stages and the total. */
    void print(PrintWriter out, String heading) {
        out.println(heading);
        nanos.forEach((stage, n) -> out.printf(Locale.ROOT, "  %-34s %7.1f s%s%n", stage, n / 1e9,
                notes.containsKey(stage) ? "  (" + notes.get(stage) + ")" : ""));
        out.printf(Locale.ROOT, "  %-34s %7.1f s%n", "total", (System.nanoTime() - start) / 1e9);
        out.flush();
    }
}
