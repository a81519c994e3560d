package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * template.yaml switches off the Lambda runtime's Log4Shell hot patch (AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION), which
 * AWS allows only with Log4j 2.17.0 or later: the Log4j that the function ships must stay at 2.17.1 or later (the release
 * that closed the last of the Log4Shell follow-ups, CVE-2021-44832).
 */
class Log4jVersionTest {

    @Test
    void theShippedLog4jIsNotOpenToLog4Shell() throws IOException {
        String template = Files.readString(repositoryFile("template.yaml"));
        String version = LoggerContext.class.getPackage().getImplementationVersion();

        assertThat(template).contains("AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION: \"true\"");
        assertThat(version).as("log4j-core's version from its manifest").isNotBlank();
        assertThat(Arrays.compare(numbers(version), new int[] {2, 17, 1})).as("log4j-core " + version).isGreaterThanOrEqualTo(0);
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.split("[^0-9]+")).filter(s -> !s.isEmpty()).limit(3).mapToInt(Integer::parseInt).toArray();
    }

    /** {@code name} at the repository's root, found from the module's directory (where the tests run) upwards. */
    private static Path repositoryFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(name)) && Files.isDirectory(dir.resolve("function"))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException("no " + name + " above " + Path.of("").toAbsolutePath());
    }
}
