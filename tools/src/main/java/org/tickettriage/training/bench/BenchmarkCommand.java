package org.tickettriage.training.bench;

import picocli.CommandLine.Command;

/** {@code benchmark}: the group of benchmarks; each prints figures and the settings it ran with. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Benchmarks of the served path (figures only; nothing passes or fails on a time).",
        subcommands = {LatencyBenchmark.class, ColdStartBenchmark.class, StartupBenchmark.class, CdsArchiveChecks.class,
                LanguageBenchmark.class})
public final class BenchmarkCommand {
}
