package org.tickettriage.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.tools.TriageTools;

class LanguageBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void aLanguageTheModelDoesNotKnowIsAUsageErrorNamingIt() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "subject,body,language\nHallo,Mein Konto ist gesperrt und ich kann mich nicht anmelden.,de\n");
        StringWriter err = new StringWriter();

        int code = TriageTools.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err, true))
                .execute("benchmark", "language", "--data", csv.toString(), "--languages", "de,xx", "--repeat", "1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--languages", "xx").doesNotContain("Exception", "\tat ");
    }
}
