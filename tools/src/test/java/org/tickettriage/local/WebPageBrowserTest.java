package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.FakeTriage;

/**
 * The web page in a real headless Chromium (Debian's, driven by playwright-core) against the local server:
 * a ticket is classified and shown, an empty ticket shows the API's 400 message, a pasted access token goes
 * out as {@code Authorization: Bearer} and stays in session storage, and API Gateway's 401 (simulated by the
 * script) is shown as a request for a token.
 */
class WebPageBrowserTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");

    @Test
    void pageClassifiesATicketAndShowsTheErrorForAnEmptyOne() throws Exception {
        NodeTools.requireModule("playwright-core");
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            fail("Chromium is not installed at " + CHROMIUM + ": run `apt-get install -y chromium` (or set CHROMIUM_PATH).");
        }
        Path screenshot = Path.of("target", "web-page.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());

        NodeTools.Result result;
        try (LocalServer server = LocalServer.start(new ClassifyHttpHandler(FakeTriage.service()), 0)) {
            result = NodeTools.node(Duration.ofMinutes(2), "web-tests/page.test.mjs", server.url().toString(),
                    screenshot.toString());
        }

        assertThat(result.exitCode()).as(result.both()).isZero();
        assertThat(result.stdout()).contains("passed");
        assertThat(screenshot).isRegularFile();
        assertThat(screenshot.resolveSibling("web-page-unauthorized.png")).isRegularFile();
    }
}
