package org.tickettriage.local;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tickettriage.connectors.Backfill;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.InMemoryDeadLetters;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WriteBack;
import org.tickettriage.connectors.WriteBackWriter;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.setup.HelpdeskConnectors;
import org.tickettriage.connectors.setup.InProcessWebhooks;
import org.tickettriage.connectors.setup.SettingsSecrets;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backfill zendesk|github}: the helpdesk's existing open tickets through the same triage and write-back as its
 * webhooks ({@link Backfill}), with the same settings ({@code TRIAGE_ZENDESK_*}, {@code TRIAGE_GITHUB_*}); a dry run
 * writes the plan as CSV instead. docs/HELPDESKS.md, "Backfill".
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Triages a helpdesk's existing open tickets and writes the decisions back, as its webhook would: "
                + "Zendesk tickets that are not solved or closed, GitHub issues that are open. Tickets that already carry a "
                + "triage tag or label are left alone, so running it again is safe. Reads the same TRIAGE_ZENDESK_* or "
                + "TRIAGE_GITHUB_* settings as serve.",
                "With --dry-run nothing is written to the helpdesk: the plan, one CSV row per ticket, goes to --out or "
                        + "standard output. The CSV holds identifiers and decisions, never ticket text."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every listed ticket was triaged and written back (or planned, with --dry-run)",
                "1:failure: a write-back ended in the dead letters, the helpdesk could not be listed, the connector is "
                        + "not configured, or the CSV cannot be written",
                "2:usage error: an unknown, missing or invalid option or parameter"})
public final class BackfillCommand implements Callable<Integer> {

    /** The CSV's columns, in order. */
    public static final List<String> COLUMNS = List.of("helpdesk", "ticket_id", "action", "category", "confidence",
            "priority", "team", "queue", "needs_review", "escalated", "decided_by", "write_labels", "write_group",
            "write_priority", "detail");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HELPDESK", description = "zendesk or github.")
    private String helpdesk;

    @Option(names = "--dry-run", description = "Plan only: write nothing to the helpdesk, write the plan as CSV.")
    private boolean dryRun;

    @Option(names = "--out", paramLabel = "FILE", description = "Write one CSV row per ticket here (with --dry-run, the "
            + "default is standard output).")
    private Path out;

    @Option(names = "--query", paramLabel = "TERMS", description = "Zendesk only: search terms added to "
            + "'type:ticket status<solved', such as 'created>2026-11-01 group:Support'.")
    private String query;

    @Option(names = "--repository", paramLabel = "OWNER/REPO", description = "GitHub only: a repository to backfill; "
            + "repeat for more. Default: the owner/repo entries of TRIAGE_GITHUB_REPOSITORIES.")
    private List<String> repositories = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Triage at most N tickets (default: all).")
    private int limit;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory to load instead of the bundled model.")
    private Path model;

    @Option(names = "--routing", paramLabel = "PATH", description = "A routing policy (a folder, a routing CSV or an"
            + " s3:// location) instead of TRIAGE_ROUTING's or the bundled one.")
    private String routing;

    @Option(names = "--no-progress", description = "No progress bar on standard error.")
    private boolean noProgress;

    @Override
    public Integer call() throws InterruptedException {
        String name = helpdesk.toLowerCase(Locale.ROOT);
        if (!name.equals(ZendeskConnector.NAME) && !name.equals(GitHubConnector.NAME)) {
            throw usage("HELPDESK must be zendesk or github, was '" + helpdesk + "'.");
        }
        if (limit < 0) {
            throw usage("--limit must be 0 (all) or more.");
        }
        if (query != null && !name.equals(ZendeskConnector.NAME)) {
            throw usage("--query is for zendesk only.");
        }
        if (!repositories.isEmpty() && !name.equals(GitHubConnector.NAME)) {
            throw usage("--repository is for github only.");
        }
        TriageSettings settings = TriageSettings.process().requireValid();
        List<String> sources = name.equals(ZendeskConnector.NAME) ? List.of(query == null ? "" : query) : repositories(settings);
        TriageService service = LocalCommands.service(spec, model, routing);
        VendorHttp http = new VendorHttp(InProcessWebhooks.CONNECT_TIMEOUT, InProcessWebhooks.REQUEST_TIMEOUT, Clock.systemUTC());
        Connector connector = HelpdeskConnectors.named(
                HelpdeskConnectors.create(settings, new SettingsSecrets(settings), http, service.policy()), name)
                .orElseThrow(() -> new LocalCommandException("the " + name + " connector is not configured: set "
                        + (name.equals(ZendeskConnector.NAME)
                        ? "TRIAGE_ZENDESK_URL, TRIAGE_ZENDESK_EMAIL, TRIAGE_ZENDESK_API_TOKEN and TRIAGE_ZENDESK_WEBHOOK_SECRET"
                        : "TRIAGE_GITHUB_TOKEN and TRIAGE_GITHUB_WEBHOOK_SECRET") + " (docs/HELPDESKS.md)."));
        InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
        Backfill backfill = new Backfill(connector, service,
                new WriteBackWriter(List.of(connector), RetryPolicy.DEFAULT, deadLetters, Clock.systemUTC()),
                RetryPolicy.DEFAULT, duration -> Thread.sleep(duration.toMillis()));

        PrintWriter err = spec.commandLine().getErr();
        Backfill.Summary summary = null;
        String listingFailure = null;
        try (CSVPrinter csv = csv(); ProgressBar progress = progressBar()) {
            try {
                summary = backfill.run(sources, limit, dryRun, row -> {
                    write(csv, row);
                    if (progress != null) {
                        progress.step();
                    }
                });
            } catch (Backfill.ListingFailedException e) {
                listingFailure = e.getMessage();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new LocalCommandException("cannot write " + (out == null ? "the CSV" : out) + ": " + e.getMessage());
        }
        if (listingFailure != null) {
            err.println("backfill " + name + ": listing the open tickets failed: " + listingFailure
                    + ". The tickets before it are done (see the CSV); running it again skips those written back.");
            return 1;
        }
        err.println("backfill " + name + ": " + summary.listed() + " open tickets listed, " + summary.alreadyTriaged()
                + " already triaged, " + (dryRun ? summary.planned() + " planned (dry run: nothing written)"
                : summary.written() + " written back, " + summary.deadLettered() + " dead-lettered")
                + ", " + summary.notTriaged() + " not triaged (no text)"
                + (summary.stoppedEarly() ? "; stopped at --limit " + limit : ""));
        deadLetters.letters().forEach(letter -> err.println("  dead letter: " + letter.writeBack().ticketId()
                + " after " + letter.attempts() + " attempts: " + letter.reason()));
        return summary.deadLettered() == 0 ? 0 : 1;
    }

    private List<String> repositories(TriageSettings settings) {
        List<String> chosen = new ArrayList<>(repositories);
        if (chosen.isEmpty()) {
            settings.github().repositories().stream().filter(r -> !r.endsWith("/*")).forEach(chosen::add);
        }
        if (chosen.isEmpty()) {
            throw usage("name the repositories: --repository OWNER/REPO (TRIAGE_GITHUB_REPOSITORIES lists no owner/repo"
                    + " entry; an owner/* entry is not listed repository by repository).");
        }
        for (String repository : chosen) {
            if (!repository.matches("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")) {
                throw usage("--repository must be OWNER/REPO, was '" + repository + "'.");
            }
        }
        return chosen;
    }

    private CSVPrinter csv() throws IOException {
        if (out == null && !dryRun) {
            return null;
        }
        Writer writer;
        if (out == null) {
            writer = new OutputStreamWriter(System.out, StandardCharsets.UTF_8) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open
                }
            };
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).build());
    }

    /** One row, flushed, so that an interrupted run leaves a CSV of what was done. */
    private static void write(CSVPrinter csv, Backfill.Row row) {
        if (csv == null) {
            return;
        }
        TriageResult result = row.result();
        WriteBack plan = row.writeBack();
        try {
            csv.printRecord(row.ticket().connector(), row.ticket().ticketId(), row.action().label(),
                    result == null ? "" : result.category(),
                    result == null ? "" : String.format(Locale.ROOT, "%.4f", result.confidence()),
                    result == null ? "" : result.priority(), result == null ? "" : result.team(),
                    result == null ? "" : result.queue(), result == null ? "" : result.needsReview(),
                    result == null ? "" : result.escalated(), result == null ? "" : result.decidedBy(),
                    plan == null ? "" : String.join("|", plan.labels()),
                    plan == null || plan.group() == null ? "" : plan.group(),
                    plan == null || plan.priority() == null ? "" : plan.priority(), row.detail());
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProgressBar progressBar() {
        if (noProgress) {
            return null;
        }
        // The total is not known before the last page: the bar counts tickets and their rate. Without a console (CI
        // logs, pipes) it updates less often so that a captured standard error stays short.
        return new ProgressBarBuilder().setTaskName("Backfill " + helpdesk.toLowerCase(Locale.ROOT)).setInitialMax(-1)
                .setUnit(" tickets", 1).setUpdateIntervalMillis(System.console() == null ? 5_000 : 250).build();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
