package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every tokenizer version keeps giving, for the same text, the features it gave when it was released: a model trained
 * with it depends on that. {@code tokenizer/golden-features.jsonl.gz} holds 326 texts: the first 300 tickets of
 * {@code rules/src/test/resources/golden/tickets-5k.csv.gz} and 26 written for what version 2 changes (German,
 * French, Spanish, Portuguese, Japanese, Chinese, Thai, Lao, Khmer, Myanmar, Korean, Hindi, Arabic, Hebrew, Russian,
 * Greek, Turkish, Polish and Vietnamese text, mixed scripts, emoji, full-width forms, placeholders, letters outside
 * the Basic Multilingual Plane, combining marks, an empty ticket). For each version, the
 * {@code words+bigrams+subject} features in full and the SHA-256 of the {@code words+bigrams+subject+chars3-5}
 * features (each feature's UTF-16 units, then {@code 00 0A}).
 *
 * <p>The version 1 features were written by the tokenizer of {@code main} at c5291e7, before version 2 existed; the
 * version 2 features by the commit that introduced version 2. Never regenerate the file: a change of features is a new
 * tokenizer version.
 */
class TokenizerGoldenFeaturesTest {

    private static final FeatureSettings WORDS = FeatureSettings.parse("words+bigrams+subject");
    private static final FeatureSettings EVERYTHING = FeatureSettings.parse("words+bigrams+subject+chars3-5");

    private record Golden(String subject, String description, List<String> v1, String v1All, List<String> v2,
                          String v2All) {
    }

    @Test
    void versionOneGivesTheFeaturesItGaveBeforeVersionTwoExisted() throws IOException {
        List<Golden> golden = golden();
        Tokenizer words = new Tokenizer(WORDS);
        Tokenizer everything = new Tokenizer(EVERYTHING);

        assertThat(golden).hasSize(326);
        for (Golden g : golden) {
            assertThat(words.features(g.subject(), g.description())).as(g.subject()).isEqualTo(g.v1());
            assertThat(sha256(everything.features(g.subject(), g.description()))).as(g.subject()).isEqualTo(g.v1All());
        }
    }

    @Test
    void versionTwoGivesTheFeaturesItGaveWhenItWasReleased() throws IOException {
        Tokenizer words = new Tokenizer(WORDS.withTokenizerVersion(2));
        Tokenizer everything = new Tokenizer(EVERYTHING.withTokenizerVersion(2));

        for (Golden g : golden()) {
            assertThat(words.features(g.subject(), g.description())).as(g.subject()).isEqualTo(g.v2());
            assertThat(sha256(everything.features(g.subject(), g.description()))).as(g.subject()).isEqualTo(g.v2All());
        }
    }

    @Test
    void theVersionsDifferWhereVersionTwoMeansToAndOnlyThere() throws IOException {
        List<Golden> golden = golden();
        long syntheticDiffering = golden.subList(0, 300).stream().filter(g -> !g.v1().equals(g.v2())).count();

        // English tickets differ only by the accented names in their signatures (José, Zoë, Müller, Łukasz, Hernández...).
        assertThat(syntheticDiffering).isEqualTo(28);
        for (Golden g : golden.subList(0, 300)) {
            assertThat(g.v2()).hasSameSizeAs(g.v1());
        }
    }

    private static List<Golden> golden() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Golden> golden = new ArrayList<>();
        try (InputStream in = TokenizerGoldenFeaturesTest.class.getResourceAsStream("/tokenizer/golden-features.jsonl.gz");
             BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode node = json.readTree(line);
                golden.add(new Golden(node.get("subject").asText(), node.get("description").asText(),
                        strings(node.get("v1")), node.get("v1All").asText(), strings(node.get("v2")),
                        node.get("v2All").asText()));
            }
        }
        return golden;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(n -> strings.add(n.asText()));
        return strings;
    }

    private static String sha256(List<String> features) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String f : features) {
                for (int i = 0; i < f.length(); i++) {
                    char c = f.charAt(i);
                    digest.update((byte) (c >> 8));
                    digest.update((byte) c);
                }
                digest.update((byte) 0);
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
