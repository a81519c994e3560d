package org.tickettriage.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ReplyStripper} keeps of a reply, and what it never cuts. */
class ReplyStripperTest {

    @Test
    void topPostedReplyLosesTheUnquotedOriginalAfterTheAttribution() {
        String text = "New problem: the app freezes.\n\nOn Mon, 3 Mar 2025 at 10:00, Support <s@example.com> wrote:\nOld text we sent.\n";

        assertThat(ReplyStripper.strip(text, false)).isEqualTo("New problem: the app freezes.");
    }

    @Test
    void interleavedAnswersAreKeptAndTheQuotesDropped() {
        String text = "Am 03.03.2025 um 10:00 schrieb Support <s@example.com>:\n> Which version?\n7.1\n> Which phone?\nPixel 8\n";

        assertThat(ReplyStripper.strip(text, false)).isEqualTo("7.1\nPixel 8");
    }

    @Test
    void forwardedOutlookHeaderIsKeptBecauseItIntroducesTheContent() {
        String text = "FYI\n\nFrom: Customer <c@example.com>\nSent: Monday\nTo: Sales\nSubject: Refund\n\nPlease refund me.";

        assertThat(ReplyStripper.strip(text, true)).contains("Please refund me.");
        assertThat(ReplyStripper.strip(text, false)).isEqualTo("FYI");
    }

    @Test
    void sentencesThatMerelyMentionWritingOrThanksAreKept() {
        String text = "Thanks for the fix, but on Monday the export wrote: nothing at all.\nIt still fails with a timeout error each time.";

        assertThat(ReplyStripper.strip(text, false)).isEqualTo(text);
    }

    @Test
    void closingGreetingAndNameBlockAreDroppedButALongTailIsNot() {
        assertThat(ReplyStripper.strip("The invoice is wrong.\n\nKind regards,\nJane Doe\nACME Ltd", false))
                .isEqualTo("The invoice is wrong.");
        String longTail = "The invoice is wrong.\nThanks,\n" + "and one more thing: the PDF export also breaks when the report has more than fifty pages.";
        assertThat(ReplyStripper.strip(longTail, false)).isEqualTo(longTail);
    }

    @Test
    void signatureDelimiterAndMobileFooterGo() {
        assertThat(ReplyStripper.strip("Crash on start.\nSent from my iPhone\n-- \nJane\n+1 555", false)).isEqualTo("Crash on start.");
    }

    @Test
    void portugueseRepliesSignaturesAndFootersGo() {
        assertThat(ReplyStripper.strip("O app fecha ao abrir.\n\nAtenciosamente,\nMaria Silva\n\nEnviado do meu iPhone\n\n"
                + "Em seg., 3 de mar. de 2025 às 10:00, Suporte <suporte@example.com> escreveu:\n\nOlá Maria, a resposta.", false))
                .isEqualTo("O app fecha ao abrir.");
        assertThat(ReplyStripper.strip("A fatura está errada.\n\n-----Mensagem original-----\nDe: Suporte\nA resposta.", false))
                .isEqualTo("A fatura está errada.");
        assertThat(ReplyStripper.strip("Erro 500.\nObrigado\n\nDe: Suporte <s@example.com>\nEnviada em: terça-feira, 4 de março\n"
                + "Para: João\nAssunto: Erro\n\nA resposta.", false)).isEqualTo("Erro 500.");
        String sentence = "Enviado do meu computador ontem, o relatório chegou vazio; obrigado pela ajuda com isso até agora.";
        assertThat(ReplyStripper.strip(sentence, false)).isEqualTo(sentence);
    }
}
