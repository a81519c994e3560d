package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tickettriage.model.Tokenizer;
import org.tickettriage.rules.facts.CueList;

/**
 * The rules' phrases and the classifier's tokenizer version 2 see the same words: accents, case and the letters
 * without a decomposition are folded alike (the rules repeat the tokenizer's folding because they cannot depend on
 * the model module; this test keeps the two copies equal). Texts of letters only: the tokenizer's placeholders for
 * numbers and its bigrams for scripts without spaces have no counterpart in phrases.
 */
class CueFoldingMatchesTokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Größe der Rückerstattung für Straße",
            "Problème de facturation, données perdues",
            "Facturación duplicada y pérdida de datos",
            "Cobrança em duplicidade, perda de dados, não consigo",
            "Błąd logowania, hasło odrzucone",
            "Kære kunde, fejl på søgning og Æble",
            "Œuvre complète, ÉCOLE",
            "Şifre sıfırlama çalışmıyor ISTANBUL ıi",
            "Σφάλμα σύνδεσης στον λογαριασμός",
            "Ошибка при оплате, деньги списываются дважды",
            "שָׁלוֹם עוֹלָם",
            "مَرْحَبًا بالعـــالم",
            "लॉगिन नहीं हो रहा",
            "Ｆｕｌｌ ｗｉｄｔｈ ﬁle",
            "Soft\u00ADhyphen zero\u200Bwidth",
            "Đorđe Ħamrun"})
    void phrasesAndTheTokenizerFoldTheSameWords(String text) {
        String phrase = String.join(" ", CueList.parse(text).normalized());
        String tokenizer = String.join(" ", Tokenizer.words(2, text));

        assertThat(phrase).as(text).isEqualTo(tokenizer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Größe", "facturación", "Sicherheitslücke"})
    void aPhraseWrittenWithOrWithoutAccentsIsTheSameWord(String word) {
        assertThat(CueList.parse(word).normalized()).isEqualTo(List.of(Tokenizer.words(2, word).get(0)).toArray());
    }
}
