package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link WordScanner} must split text exactly as the regular expression that the tokenizer used before it (and that
 * the bundled model was trained with): the same words at the same boundaries, or served models would see features
 * they were not trained on.
 */
class TokenizerEquivalenceTest {

    /** The tokenizer's regular expression until the scanner replaced it: the reference. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(https?://\\S+|www\\.\\S+)"
                    + "|([\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)"
                    + "|([$€£¥]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:usd|eur|gbp|dollars?|euros?)\\b)"
                    + "|([\\p{L}\\p{N}]+(?:['._-][\\p{L}\\p{N}]+)*)");

    /** Pieces that start or end URLs, addresses, amounts and words, and characters regexes and scanners disagree on. */
    private static final String[] PIECES = {
        "http://", "https://", "www.", "http:/", "@", ".", "..", "_", "-", "'", "\u2019", "%", "+", "$", "€", "£", "¥",
        " ", "  ", "\t", "\n", "\r\n", "\u000B", "\u00A0", ",", ";", "/", ":", "!", "?", "(", ")", "<", ">",
        "usd", "USD", "eur", "gbp", "dollar", "dollars", "euro", "euros", "eurx", "s", "_x",
        "a", "Z", "mail", "com", "example", "x-y", "é", "ß", "İ", "Σ", "ǅ", "ʰ", "中文", "\u0301", "\u0903",
        "0", "7", "12", "12345", "1,000", "3.50", "٣", "²", "½", "Ⅻ", "😀", "𝐀", "𝟙", "\uD800", "\uDC00",
    };

    @Test
    void splitsRandomTextLikeTheReference() {
        Random random = new Random(20261124L);
        StringBuilder text = new StringBuilder();
        for (int round = 0; round < 200_000; round++) {
            text.setLength(0);
            int pieces = random.nextInt(16);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String t = text.toString();
            assertThat(Tokenizer.words(1, t)).as("words of \"%s\"", t).isEqualTo(reference(t));
        }
    }

    @Test
    void splitsHandPickedEdgeCasesLikeTheReference() {
        List<String> cases = List.of(
                "Refund of $ 1,200.50 and 30 EUR, 12usd, 5 dollarsx, 7 euro\u0301, 9 gbp_",
                "mail jane.doe+tickets@mail.example.co.uk or x@y or a@b. or ...@x.y or a@b.c.",
                "see https://example.com/a?b=c, www.example.org and http:// alone, www. alone",
                "error 0x80070005 in v2.3.1 at err_connection_reset; don't; e-mail; a--b; a.-b",
                "order 1234567 and 1234 and ١٢٣٤٥٦ and 12,345,678.9.1 usd",
                "İSTANBUL ǅemal Σίσυφος 中文字 naïve café 😀😀 𝐀𝐁 ends with a\u0301",
                "");
        for (String t : cases) {
            assertThat(Tokenizer.words(1, t)).as("words of \"%s\"", t).isEqualTo(reference(t));
        }
    }

    @Test
    void splitsTheEmailCorpusLikeTheReference() throws IOException, URISyntaxException {
        // Real mail, headers and all: signatures, URLs, quoted replies, encoded words, non-Latin scripts.
        Path corpus = Path.of(getClass().getResource("/email").toURI());
        List<Path> mails;
        try (Stream<Path> files = Files.list(corpus)) {
            mails = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(mails).hasSizeGreaterThan(20);
        for (Path mail : mails) {
            String t = Files.readString(mail, StandardCharsets.ISO_8859_1);
            assertThat(Tokenizer.words(1, t)).as(mail.getFileName().toString()).isEqualTo(reference(t));
            String utf8 = new String(Files.readAllBytes(mail), StandardCharsets.UTF_8);
            assertThat(Tokenizer.words(1, utf8)).as(mail.getFileName().toString()).isEqualTo(reference(utf8));
        }
    }

    private static List<String> reference(String text) {
        List<String> words = new ArrayList<>();
        if (text.isEmpty()) {
            return words;
        }
        Matcher m = REFERENCE.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        while (m.find()) {
            if (m.start(1) >= 0) {
                words.add(Tokenizer.URL);
            } else if (m.start(2) >= 0) {
                words.add(Tokenizer.EMAIL);
            } else if (m.start(3) >= 0) {
                words.add(Tokenizer.MONEY);
            } else {
                words.add(Tokenizer.wordFeature(m.group(4)));
            }
        }
        return words;
    }
}
