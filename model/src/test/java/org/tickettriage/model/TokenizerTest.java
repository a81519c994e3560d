package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static final FeatureSettings WORDS_ONLY = new FeatureSettings(false, false, true);
    private static final FeatureSettings CHARS_3_4 = new FeatureSettings(false, false, true, 3, 4, false, false, false);

    @Test
    void keepsHyphenatedVersionedAndCodedWordsWhole() {
        assertThat(new Tokenizer(WORDS_ONLY).features("", "My E-mail 2FA fails on v2.3 with 0x80070005 and ERR_CONNECTION_RESET, don't know why."))
                .containsExactly("my", "e-mail", "2fa", "fails", "on", "v2.3", "with", "0x80070005", "and",
                        "err_connection_reset", "don't", "know", "why");
    }

    @Test
    void replacesUrlsEmailsMoneyAndLongNumbersWithPlaceholders() {
        assertThat(new Tokenizer(WORDS_ONLY).features("",
                "See https://example.com/a?b=1 or mail jane.doe@example.co.uk: charged $49.99 and 20 EUR on order 12345678, error 404"))
                .containsExactly("see", "<url>", "or", "mail", "<email>", "charged", "<money>", "and", "<money>", "on",
                        "order", "<number>", "error", "404");
    }

    @Test
    void addsWordPairsWithinEachFieldAndPrefixedSubjectWordsInAFixedOrder() {
        assertThat(new Tokenizer(FeatureSettings.DEFAULT).features("Refund please", "Charged twice"))
                .containsExactly("refund", "please", "charged", "twice",
                        "refund please", "charged twice",
                        "subject:refund", "subject:please");
        assertThat(new Tokenizer(FeatureSettings.DEFAULT).features("a b", "c"))
                .containsExactly("a", "b", "c", "a b", "subject:a", "subject:b");
    }

    @Test
    void emptyAndNullFieldsGiveNoFeatures() {
        assertThat(new Tokenizer(FeatureSettings.DEFAULT).features(null, "")).isEmpty();
    }

    @Test
    void takesCharacterNgramsInsideEachDistinctWordWithBoundaryMarks() {
        assertThat(new Tokenizer(CHARS_3_4).features("", "card card ok")).containsExactly("card", "card", "ok",
                "ch:<ca", "ch:car", "ch:ard", "ch:rd>", "ch:<car", "ch:card", "ch:ard>",
                "ch:<ok", "ch:ok>"); // not "<ok>", the whole padded word: the word feature already says it
    }

    @Test
    void neverTakesNgramsOfPlaceholdersOrAcrossWords() {
        List<String> features = new Tokenizer(CHARS_3_4).features("", "see https://example.com now");

        assertThat(features).doesNotContain("ch:<ur", "ch:url").noneMatch(f -> f.contains(" "));
        assertThat(features).contains("<url>", "ch:<no", "ch:now>");
        assertThat(Tokenizer.isCharNgram("ch:<no")).isTrue();
        assertThat(Tokenizer.isCharNgram("now")).isFalse();
    }

    @Test
    void settingsDescribeAndParseRoundTrip() {
        FeatureSettings settings = FeatureSettings.parse("words+bigrams+subject+chars2-5+log+idf+norm");

        assertThat(settings).isEqualTo(new FeatureSettings(true, true, false, 2, 5, true, true, true));
        assertThat(FeatureSettings.parse(settings.describe())).isEqualTo(settings);
        assertThat(FeatureSettings.parse(FeatureSettings.DEFAULT.describe())).isEqualTo(FeatureSettings.DEFAULT);
        assertThatThrownBy(() -> FeatureSettings.parse("words+trigrams")).hasMessageContaining("trigrams");
    }

    @Test
    void aModelCardWrittenBeforeCharacterNgramsReadsAsWordsOnly() throws Exception {
        FeatureSettings old = JsonMapper.builder().build().readValue(
                "{\"wordBigrams\":true,\"subjectFeatures\":true,\"binary\":true}", FeatureSettings.class);

        assertThat(old).isEqualTo(FeatureSettings.DEFAULT);
        assertThat(old.charNgrams()).isFalse();
    }
}
