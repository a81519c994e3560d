package org.tickettriage.training.evaluate;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine a figure was measured on, one line: timings mean little without the CPUs and their load. */
public final class Machine {

    private Machine() {
    }

    /** CPUs, the one-minute load average, the OS and the Java runtime. */
    public static String describe() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%d CPUs, load average %s, %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(), load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
    }
}
