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
                .hasMessageContaining("empty cue");
    }

    @Test
    void neverShowsTheTextInToString() {
        assertThat(CueText.of("my password is hunter2").toString()).doesNotContain("hunter2").doesNotContain("password");
    }
}
