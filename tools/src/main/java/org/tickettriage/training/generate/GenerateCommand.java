package org.tickettriage.training.generate;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.training.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code triage generate}: writes a synthetic ticket dataset in the seed schema. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes a synthetic dataset of support tickets in the seed schema:",
            "Ticket_ID,Subject,Description,Category,Priority,Timestamp (UTF-8 CSV).",
            "The same seed and options give a byte-identical file on any machine."},
        footerHeading = "%nExample:%n",
        footer = "  triage generate --rows 20000 --seed 42 --out data/tickets.csv",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS_LINE, "1:failure: the output cannot be written", ExitCodes.USAGE_LINE})
public final class GenerateCommand implements Callable<Integer> {

    static final int MAX_ROWS = 10_000_000;
    /** Below this many rows generation takes about a second: a progress bar would only flicker. */
    static final int PROGRESS_THRESHOLD = 10_000;

    private static final GeneratorSettings DEFAULTS = GeneratorSettings.defaults(42);

    @Spec
    private CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N",
            description = "Number of tickets to write (1 to 10,000,000).")
    private int rows;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed = DEFAULTS.seed();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv",
            description = "Output file; missing folders are created, an existing file is replaced.")
    private Path out;

    @Option(names = "--label-noise", paramLabel = "RATE",
            description = "Share of tickets whose category label is replaced by another one at random "
                    + "(default: ${DEFAULT-VALUE}).")
    private double labelNoise = DEFAULTS.labelNoise();

    @Option(names = "--typo-rate", paramLabel = "RATE",
            description = "Per-word probability of a typo: swapped, dropped or doubled letter "
                    + "(default: ${DEFAULT-VALUE}).")
    private double typoRate = DEFAULTS.typoRate();

    @Option(names = "--casing-rate", paramLabel = "RATE",
            description = "Per-ticket probability of a subject in capitals, a lower-case subject, "
                    + "a lower-case description (default: ${DEFAULT-VALUE}).")
    private double casingRate = DEFAULTS.casingRate();

    @Option(names = "--confusable-rate", paramLabel = "RATE",
            description = "Share of tickets built on a situation several categories share, such as an error "
                    + "on the billing page (default: ${DEFAULT-VALUE}).")
    private double confusableRate = DEFAULTS.confusableRate();

    @Option(names = "--vague-rate", paramLabel = "RATE",
            description = "Share of tickets that barely say what they are about (default: ${DEFAULT-VALUE}).")
    private double vagueRate = DEFAULTS.vagueRate();

    @Option(names = "--start", paramLabel = "WHEN",
            description = "Start of the timestamp window: a date (UTC midnight) or an ISO-8601 instant "
                    + "(default: ${DEFAULT-VALUE}).")
    private String start = "2025-01-01";

    @Option(names = "--end", paramLabel = "WHEN",
            description = "End of the timestamp window: a date (that whole day included) or an ISO-8601 instant "
                    + "(excluded) (default: ${DEFAULT-VALUE}).")
    private String end = "2025-12-31";

    @Option(names = "--category-mix", split = ",", paramLabel = "CATEGORY=WEIGHT",
            description = "Relative category weights; categories not named get none. Default: Technical Issue=28,"
                    + "Bug Report=24,Billing Inquiry=20,Account Management=16,Feature Request=12.")
    private Map<String, Double> categoryMix = new LinkedHashMap<>();

    @Option(names = "--no-progress",
            description = "Never show the progress bar (otherwise shown on a terminal above 10,000 rows).")
    private boolean noProgress;

    @Override
    public Integer call() {
        GeneratorSettings settings = settings();
        TicketGenerator generator = new TicketGenerator(TemplateCatalog.loadDefault(), settings);
        Map<Category, Integer> categories = new EnumMap<>(Category.class);
        Map<Priority, Integer> priorities = new EnumMap<>(Priority.class);
        long startedAt = System.nanoTime();

        writeReplacing(out, writer -> {
            try (DatasetWriter dataset = new DatasetWriter(writer); ProgressBar progress = progressBar()) {
                generator.generate(rows, ticket -> {
                    dataset.write(ticket);
                    categories.merge(ticket.category(), 1, Integer::sum);
                    priorities.merge(ticket.priority(), 1, Integer::sum);
                    if (progress != null) {
                        progress.step();
                    }
                });
            }
        });

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Wrote %,d tickets to %s (seed %d) in %.1f s.%n",
                rows, out, seed, (System.nanoTime() - startedAt) / 1e9);
        stdout.println("  categories: " + shares(categories, Category::label));
        stdout.println("  priorities: " + shares(priorities, Priority::label));
        stdout.flush();
        return 0;
    }

    /** The options as settings; a bad value is a usage error naming its option. */
    GeneratorSettings settings() {
        if (rows < 1 || rows > MAX_ROWS) {
            throw usage("--rows must be between 1 and " + String.format(Locale.ROOT, "%,d", MAX_ROWS) + ", got " + rows);
        }
        requireRate("--label-noise", labelNoise);
        requireRate("--typo-rate", typoRate);
        requireRate("--casing-rate", casingRate);
        requireRate("--confusable-rate", confusableRate);
        requireRate("--vague-rate", vagueRate);
        Instant windowStart = instant("--start", start, false);
        Instant windowEnd = instant("--end", end, true);
        if (!windowStart.isBefore(windowEnd)) {
            throw usage("--start (" + start + ") must be before --end (" + end + ")");
        }
        Map<Category, Double> mix = new EnumMap<>(Category.class);
        for (Map.Entry<String, Double> entry : categoryMix.entrySet()) {
            try {
                mix.put(Category.fromLabel(entry.getKey()), entry.getValue());
            } catch (IllegalArgumentException e) {
                throw usage("--category-mix: " + e.getMessage());
            }
        }
        try {
            return new GeneratorSettings(seed, labelNoise, typoRate, casingRate, confusableRate, vagueRate,
                    windowStart, windowEnd, mix);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ProgressBar progressBar() {
        // Without a console (CI logs, pipes) the bar's carriage returns would fill the log with lines.
        if (noProgress || rows <= PROGRESS_THRESHOLD || System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("Generating").setInitialMax(rows).setUnit(" tickets", 1)
                .setUpdateIntervalMillis(250).build();
    }

    /** Writes next to the target and moves into place, so a failed run never leaves a truncated dataset. */
    private static void writeReplacing(Path target, WriterAction action) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new ToolException("cannot write " + target + ": it is a folder");
        }
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
        try {
            Files.createDirectories(absolute.getParent());
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                action.write(writer);
            }
            try {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ToolException("cannot write " + target + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Best effort: the partial file is hidden and harmless, and the real error is already reported.
            }
        }
    }

    /** A short reason a person understands; the JDK's messages for these are often just the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way of a folder: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private Instant instant(String option, String text, boolean endOfDay) {
        try {
            LocalDate date = LocalDate.parse(text);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            // Try the longer forms.
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            // Try without an offset.
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw usage(option + ": '" + text + "' is neither a date (2025-01-31) nor an ISO-8601 instant "
                    + "(2025-01-31T08:00:00Z)");
        }
    }

    private void requireRate(String option, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw usage(option + " must be between 0 and 1, got " + value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private <E extends Enum<E>> String shares(Map<E, Integer> counts, Function<E, String> label) {
        return counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f%%", label.apply(e.getKey()), 100.0 * e.getValue() / rows))
                .collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    private interface WriterAction {
        void write(Writer writer) throws IOException;
    }
}
