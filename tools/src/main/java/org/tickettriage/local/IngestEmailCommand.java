package org.tickettriage.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.email.EmailTriage;
import org.tickettriage.triage.TriageResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest-email}: raw email files through the same parsing and triage as {@code EmailIngestHandler},
 * in one process, one result per message. No AWS: the files stand in for the objects SES stores.
 */
@Command(name = "ingest-email", mixinStandardHelpOptions = true,
        description = "Parses and triages raw email files (.eml, RFC 5322) as the email handler does; "
                + "a folder stands for every file in it. Prints one result per message.")
public final class IngestEmailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Raw message files, or folders of them.")
    private List<Path> paths;

    @Option(names = "--json", description = "One JSON object per line: the path, the outcome, the triage result or the reason there is none.")
    private boolean json;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory to load instead of the bundled model.")
    private Path model;

    @Option(names = "--routing", paramLabel = "PATH", description = "A routing policy (a folder, a routing CSV or an"
            + " s3:// location) instead of TRIAGE_ROUTING's or the bundled one.")
    private String routing;

    @Override
    public Integer call() {
        List<Path> files = files(paths);
        EmailTriage triage = new EmailTriage(LocalCommands.service(spec, model, routing));
        PrintWriter out = spec.commandLine().getOut();
        int unreadable = 0;
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file)) {
                print(out, file, triage.process(raw));
            } catch (IOException | UncheckedIOException e) {
                unreadable++;
                print(out, file, EmailOutcome.reviewWithoutMessage("unreadable", "The file cannot be read: " + e.getMessage()));
            }
        }
        out.flush();
        return unreadable == 0 ? 0 : 1;
    }

    /** The files named: each file as given, each folder's regular, non-hidden files in name order. */
    static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new LocalCommandException("folder " + path + " cannot be listed: " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new LocalCommandException("no file or folder " + path + ".");
            }
        }
        if (files.isEmpty()) {
            throw new LocalCommandException("no files to read in " + paths + ".");
        }
        return files;
    }

    private void print(PrintWriter out, Path file, EmailOutcome outcome) {
        if (json) {
            ObjectNode line = JSON.createObjectNode();
            line.put("path", file.toString());
            line.setAll((ObjectNode) JSON.valueToTree(outcome));
            try {
                out.println(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an outcome always serializes", e);
            }
            return;
        }
        StringBuilder text = new StringBuilder(file.toString()).append(": ").append(outcome.outcome());
        if (outcome.reason() != null) {
            text.append(" (").append(outcome.reason()).append(')');
        }
        TriageResult result = outcome.triage();
        if (result != null) {
            text.append(String.format(Locale.ROOT, " %s %.2f, %s -> %s / %s, decided by %s", result.category(),
                    result.confidence(), result.priority(), result.team(), result.queue(), result.decidedBy()));
        }
        if (outcome.detail() != null) {
            text.append(" - ").append(outcome.detail());
        }
        if (!outcome.warnings().isEmpty()) {
            text.append(" [").append(outcome.warnings().size()).append(outcome.warnings().size() == 1 ? " warning]" : " warnings]");
        }
        out.println(text);
    }
}
