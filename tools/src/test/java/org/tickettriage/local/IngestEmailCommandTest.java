package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.email.Corpus;
import org.tickettriage.tools.TriageTools;
import org.tickettriage.tools.cli.ExitCodes;

/** {@code ingest-email}: raw email files through the email handler's parsing and triage, one result per message. */
class IngestEmailCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void folderGivesOneJsonLinePerMessageWithThePathAndTheOutcome() throws IOException {
        int code = run("ingest-email", "--json", Corpus.DIR.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = lines();
        // One per message; the folder's .gitattributes is hidden and not read.
        assertThat(lines).hasSize(Corpus.names().size());
        List<String> paths = new ArrayList<>();
        for (String line : lines) {
            JsonNode result = JSON.readTree(line);
            paths.add(Path.of(result.get("path").asText()).getFileName().toString());
            String outcome = result.get("outcome").asText();
            assertThat(outcome).isIn("triaged", "skipped", "review");
            if (outcome.equals("triaged")) {
                assertThat(result.get("triage").get("team").asText()).isNotBlank();
                assertThat(result.has("reason")).isFalse();
            } else {
                assertThat(result.get("reason").asText()).isNotBlank();
                assertThat(result.get("detail").asText()).isNotBlank();
            }
        }
        assertThat(paths).containsExactlyElementsOf(Corpus.names());
    }

    @Test
    void skippedMessageCarriesItsReasonAndNoTriage() throws IOException {
        int code = run("ingest-email", "--json", Corpus.DIR.resolve("bounce-dsn.eml").toString());

        assertThat(code).isZero();
        JsonNode result = JSON.readTree(lines().get(0));
        assertThat(result.get("outcome").asText()).isEqualTo("skipped");
        assertThat(result.get("reason").asText()).isEqualTo("bounce");
        assertThat(result.has("triage")).isFalse();
    }

    @Test
    void plainOutputSaysWhereEachMessageWent() {
        int code = run("ingest-email", Corpus.DIR.resolve("plain-bug-report.eml").toString(),
                Corpus.DIR.resolve("auto-reply-auto-submitted.eml").toString());

        assertThat(code).isZero();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).contains("plain-bug-report.eml: triaged").contains("decided by");
        assertThat(lines().get(1)).contains("auto-reply-auto-submitted.eml: skipped (auto_reply)");
    }

    @Test
    void missingPathIsABadInputWithAMessage(@TempDir Path dir) {
        int code = run("ingest-email", dir.resolve("nope.eml").toString());

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no file or folder").doesNotContain("Exception");
    }

    @Test
    void emptyFolderIsABadInput(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".hidden"), "x");

        int code = run("ingest-email", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no files to read");
    }
}
