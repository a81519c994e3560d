package org.tickettriage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycles between packages: the pipeline knows no helpdesk, a helpdesk knows no other, and only {@code setup} knows
 * them all. Nothing here touches AWS or Lambda (the enforcer checks the dependencies; this checks the code).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "org", "tickettriage", "connectors");

    @Test
    void thePipelineKnowsNoHelpdeskAndAHelpdeskNoOther() throws IOException {
        assertThat(imports(SOURCES, false)).noneMatch(line -> line.matches("import org\\.tickettriage\\.connectors\\.(zendesk|github|setup)\\..*"));
        assertThat(imports(SOURCES.resolve("zendesk"), true)).noneMatch(line -> line.matches("import org\\.tickettriage\\.connectors\\.(github|setup)\\..*"));
        assertThat(imports(SOURCES.resolve("github"), true)).noneMatch(line -> line.matches("import org\\.tickettriage\\.connectors\\.(zendesk|setup)\\..*"));
        assertThat(imports(SOURCES, true)).noneMatch(line -> line.startsWith("import com.amazonaws") || line.startsWith("import software.amazon"));
    }

    private static List<String> imports(Path folder, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(folder) : Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.startsWith("import "));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
