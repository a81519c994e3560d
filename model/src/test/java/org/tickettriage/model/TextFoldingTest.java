package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TextFolding#fold} takes a shortcut for European text: character by character through a table. It must give
 * exactly what folding the whole text gives ({@link TextFolding#foldAnyText}, the definition), or a model trained on
 * one would meet features of the other.
 */
class TextFoldingTest {

    /** Every character the table covers, and a few that send the text to the general path. */
    private static final String TABLE_CHARACTERS;
    private static final String OTHERS = "中パﾞｶ\u3099한\u1100\u1161ไม่क्\u05d0\u05b8\u0645\u064e\u0640\u0301\u20d7\uD83D\uDD25\u212b\u2126";

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0; c < 0x0590; c++) {
            b.append(c);
        }
        for (char c = 0x2000; c < 0x20D0; c++) {
            b.append(c);
        }
        TABLE_CHARACTERS = b.toString();
    }

    @Test
    void everyPairOfTableCharactersFoldsAsTheWholeText() {
        String all = TABLE_CHARACTERS;
        for (int i = 0; i < all.length(); i++) {
            for (int j = 0; j < all.length(); j++) {
                String text = "" + all.charAt(i) + all.charAt(j);
                if (!TextFolding.fold(text).equals(TextFolding.foldAnyText(text))) {
                    assertThat(TextFolding.fold(text)).as("U+%04X U+%04X", (int) all.charAt(i), (int) all.charAt(j))
                            .isEqualTo(TextFolding.foldAnyText(text));
                }
            }
        }
    }

    @Test
    void randomTextFoldsAsTheWholeText() {
        Random random = new Random(20261130L);
        StringBuilder text = new StringBuilder();
        for (int round = 0; round < 100_000; round++) {
            text.setLength(0);
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                int pick = random.nextInt(10);
                text.append(pick == 0 ? OTHERS.charAt(random.nextInt(OTHERS.length()))
                        : pick < 4 ? (char) (' ' + random.nextInt(95))
                        : TABLE_CHARACTERS.charAt(random.nextInt(TABLE_CHARACTERS.length())));
            }
            String t = text.toString();
            assertThat(TextFolding.fold(t)).as("%s", t.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(TextFolding.foldAnyText(t));
        }
    }

    @Test
    void foldsEuropeanTextAsDocumented() {
        assertThat(TextFolding.fold("Größe STRASSE Ærø Œuvre Łódź ΟΔΟΣ don’t e‐mail naïve\u00a0café…"))
                .isEqualTo("grosse strasse aero oeuvre lodz οδοσ don't e-mail naive cafe...");
        assertThat(TextFolding.fold("ﬁle ＡＢＣ１ Daten\u00adverlust İstanbul ışık")).isEqualTo("file abc1 datenverlust istanbul isik");
    }
}
