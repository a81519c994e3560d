package org.tickettriage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tickettriage.triage.Secret;

class HmacSha256Test {

    @Test
    void matchesGitHubsDocumentedExample() {
        // docs.github.com, "Validating webhook deliveries": this secret and payload give this signature.
        byte[] signature = HmacSha256.sign(Secret.of("It's a Secret to Everybody"), "Hello, World!".getBytes(StandardCharsets.UTF_8));

        assertThat("sha256=" + HexFormat.of().formatHex(signature))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void signsTimestampThenBodyAsZendeskDoes() {
        byte[] whole = HmacSha256.sign(Secret.of("secret"), "2021-07-25T10:00:00Z{\"say\": \"hello\"}".getBytes(StandardCharsets.UTF_8));
        byte[] parts = HmacSha256.sign(Secret.of("secret"), "2021-07-25T10:00:00Z".getBytes(StandardCharsets.UTF_8),
                "{\"say\": \"hello\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(Base64.getEncoder().encodeToString(parts)).isEqualTo(Base64.getEncoder().encodeToString(whole));
    }

    @Test
    void comparesWholeSignaturesOnly() {
        byte[] signature = HmacSha256.sign(Secret.of("secret"), new byte[] {1, 2, 3});

        assertThat(HmacSha256.same(signature, signature.clone())).isTrue();
        assertThat(HmacSha256.same(signature, new byte[0])).isFalse();
        assertThat(HmacSha256.same(signature, java.util.Arrays.copyOf(signature, 16))).isFalse();
    }

    @Test
    void secretsNeverPrintThemselves() {
        assertThat(Secret.of("hunter2")).hasToString("[redacted]");
        assertThat(String.valueOf(new WebhookRequest(java.util.Map.of("X-Hub-Signature-256", "sha256=00"),
                "{\"title\":\"private\"}".getBytes(StandardCharsets.UTF_8)))).doesNotContain("private");
    }
}
