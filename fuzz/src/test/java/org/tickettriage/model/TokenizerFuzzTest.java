package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any ticket text through both tokenizer versions, with every feature kind: features come back, never an exception or
 * a hang (the Lambda handler featurizes what a client sends). Version 2's features are also checked for what it
 * promises: well-formed text (no half of a surrogate pair), words already folded (folding a word again changes
 * nothing), no white space inside a word, bigrams of at most two characters for the scripts written without spaces,
 * and the same features for the same text.
 */
class TokenizerFuzzTest {

    private static final Tokenizer VERSION_1 = new Tokenizer(FeatureSettings.parse("words+bigrams+subject+chars3-5"));
    private static final Tokenizer VERSION_2 =
            new Tokenizer(FeatureSettings.parse("words+bigrams+subject+chars3-5+tokenizer2"));

    @MethodSource("seeds")
    @FuzzTest
    void everyTextGivesFeaturesInBothVersions(String subject, String description) {
        assertThat(VERSION_1.features(subject, description)).isNotNull();
        List<String> features = VERSION_2.features(subject, description);
        assertThat(VERSION_2.features(subject, description)).isEqualTo(features);
        for (String feature : features) {
            assertThat(feature).isNotEmpty();
            assertThat(wellFormed(feature)).as("well-formed: %s", feature).isTrue();
        }
        for (String text : new String[] {subject, description}) {
            for (String word : Tokenizer.words(2, text)) {
                if (word.startsWith("<")) {
                    continue; // a placeholder
                }
                assertThat(word).doesNotContain(" ", "\t", "\n", "\r");
                assertThat(TextFolding.fold(word)).as("folded: %s", word).isEqualTo(word);
                if (word.codePoints().anyMatch(UnspacedScripts::isUnspaced)) {
                    long bases = word.codePoints().filter(cp -> !isMark(cp)).count();
                    assertThat(bases).as("a bigram: %s", word).isLessThanOrEqualTo(2);
                }
            }
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                Arguments.of("Datenverlust nach Update", "Die Größe der Datei ist falsch, STRASSE und Straße."),
                Arguments.of("Facture erronée", "Le café est fermé; cœur, naïve. ¿Por qué? Não consigo, ação."),
                Arguments.of("パスワード", "パスワードをリセットできません。ｶﾞｲﾄﾞ 我无法登录，密码重置"),
                Arguments.of("ไม่ได้", "ไม่สามารถเข้าสู่ระบบได้ ຂ້ອຍ ខ្ញុំ အကောင့် 한국어 क्या"),
                Arguments.of("Mixed", "Outlookが起動しない 请发邮件至support@example.com谢谢 https://x.y/密码 ¥500元"),
                Arguments.of("Emoji 🔥", "bug🐛fix 👨\u200d👩\u200d👧 ＡＢＣ１２３ ﬁle Daten\u00adverlust 𠀀𠀁 a\u0301\u0302 \uD800"));
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
