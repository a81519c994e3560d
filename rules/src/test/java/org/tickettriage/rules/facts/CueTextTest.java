package org.tickettriage.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CueTextTest {

    @Test
    void findsAWholeWordWhateverItsCase() {
        assertThat(CueText.of("Please REFUND me").mentions("invoice | refund")).isTrue();
        assertThat(CueText.of("Please refund me").mentions("invoice | receipt")).isFalse();
    }

    @Test
    void doesNotFindAWordInsideAnother() {
        assertThat(CueText.of("I need to debug this").mentions("bug")).isFalse();
        assertThat(CueText.of("The prodigal son").mentions("prod")).isFalse();
    }

    @Test
    void findsAPhraseOnlyWhenItsWordsFollowEachOther() {
        assertThat(CueText.of("I was charged twice this month").mentions("charged twice")).isTrue();
        assertThat(CueText.of("Twice I was charged").mentions("charged twice")).isFalse();
        assertThat(CueText.of("charged, then charged again, twice").mentions("charged twice")).isFalse();
    }

    @Test
    void treatsSpacesLineBreaksAndHyphensAlike() {
        assertThat(CueText.of("I was double-charged").mentions("double charged")).isTrue();
        assertThat(CueText.of("I was double\n\t  charged").mentions("double charged")).isTrue();
        assertThat(CueText.of("Sign-in fails").mentions("sign in")).isTrue();
    }

    @Test
    void doesNotMatchAPhraseAcrossPunctuation() {
        assertThat(CueText.of("The console shows an error. When can we expect a fix?").mentions("error when")).isFalse();
        assertThat(CueText.of("I get an error when I save").mentions("error when")).isTrue();
    }

    @Test
    void dropsApostrophesInsideWordsInTextAndCues() {
        assertThat(CueText.of("I can't connect to the server").mentions("can't connect")).isTrue();
        assertThat(CueText.of("I cant connect to the server").mentions("can't connect")).isTrue();
        assertThat(CueText.of("I can\u2019t connect to the server").mentions("cant connect")).isTrue();
    }

    @Test
    void keepsUnderscoredIdentifiersWhole() {
        assertThat(CueText.of("see feature_request_template.md").mentions("feature request")).isFalse();
        assertThat(CueText.of("CUDNN_INSTALL_PATH is unset").mentions("install")).isFalse();
    }

    @Test
    void handlesEmptyTextAndNonLatinWords() {
        assertThat(CueText.of("").mentions("refund")).isFalse();
        assertThat(CueText.of("Rückerstattung für Rechnung").mentions("rechnung")).isTrue();
    }

    @Test
    void rejectsAnEmptyCueInAList() {
        assertThatThrownBy(() -> CueText.parse("refund || invoice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a phrase is empty");
    }

    @Test
    void foldsAccentsInTextAndCuesAlike() {
        assertThat(CueText.of("Die Größe der Rückerstattung").mentions("grosse")).isTrue();
        assertThat(CueText.of("Die Grosse der Ruckerstattung").mentions("größe")).isTrue();
        assertThat(CueText.of("Problème de facturación").mentions("probleme | facturacion")).isTrue();
        assertThat(CueText.of("Cobrança em duplicidade").mentions("cobranca em duplicidade")).isTrue();
        // An accent written as its own combining character stays in its word.
        assertThat(CueText.of("la facturacio\u0301n falla").mentions("facturacion falla")).isTrue();
    }

    @Test
    void aWildcardCueMatchesCompoundsAndInflections() {
        assertThat(CueText.of("Totaler Serverausfall seit heute").mentions("*ausfall")).isTrue();
        assertThat(CueText.of("Ausfall seit heute").mentions("*ausfall")).isTrue();
        assertThat(CueText.of("Ausfallzeit geplant").mentions("*ausfall")).isFalse();
        assertThat(CueText.of("Kundendatenverlust!").mentions("*datenverlust")).isTrue();
        assertThat(CueText.of("wegen des Datenverlusts").mentions("datenverlust*")).isTrue();
        assertThat(CueText.of("Sicherheitslücken im Login").mentions("*sicherheitsluck*")).isTrue();
        assertThat(CueText.of("Datensicherheitslücke").mentions("*sicherheitsluck*")).isTrue();
        assertThat(CueText.of("Die Sicherheit ist gut").mentions("*sicherheitsluck*")).isFalse();
    }

    @Test
    void rejectsWildcardsInsidePhrasesOrOnShortStems() {
        assertThatThrownBy(() -> CueText.parse("data *loss")).hasMessageContaining("one-word phrase");
        assertThatThrownBy(() -> CueText.parse("da*ta")).hasMessageContaining("at the start or the end");
        assertThatThrownBy(() -> CueText.parse("*data loss")).hasMessageContaining("a phrase with * is one word");
        assertThatThrownBy(() -> CueText.parse("*aus")).hasMessageContaining("at least 4 letters");
        assertThatThrownBy(() -> CueText.parse("*")).hasMessageContaining("a phrase is empty");
    }

    @Test
    void neverShowsTheTextInToString() {
        assertThat(CueText.of("my password is hunter2").toString()).doesNotContain("hunter2").doesNotContain("password");
    }
}
