package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenizer version 2: folded words of any script, bigrams for the scripts written without spaces. */
class TokenizerVersion2Test {

    private static final FeatureSettings WORDS_V2 = new FeatureSettings(false, false, true).withTokenizerVersion(2);

    private static List<String> v1(String text) {
        return Tokenizer.words(1, text);
    }

    private static List<String> v2(String text) {
        return Tokenizer.words(2, text);
    }

    @Test
    void germanCompoundsStayWholeAndUmlautsAndSharpSAreFolded() {
        assertThat(v2("Datenverlust nach dem Update! Die Größe der Übergröße, Straße oder STRASSE"))
                .containsExactly("datenverlust", "nach", "dem", "update", "die", "grosse", "der", "ubergrosse",
                        "strasse", "oder", "strasse");
        assertThat(v2("Serverausfall, Sicherheitslücke")).containsExactly("serverausfall", "sicherheitslucke");
        // Version 1 keeps the accents, so "Größe" and "Grösse" (Swiss spelling) were two words.
        assertThat(v1("Größe Grösse")).containsExactly("größe", "grösse");
        assertThat(v2("Größe Grösse GRÖSSE")).containsExactly("grosse", "grosse", "grosse");
    }

    @Test
    void frenchAndSpanishAccentsAreFolded() {
        assertThat(v2("Le café est fermé : élève, reçu, facture erronée, cœur, naïve, où"))
                .containsExactly("le", "cafe", "est", "ferme", "eleve", "recu", "facture", "erronee", "coeur", "naive", "ou");
        assertThat(v2("¿Por qué no puedo iniciar sesión? La contraseña está bloqueada. ¡Añadir!"))
                .containsExactly("por", "que", "no", "puedo", "iniciar", "sesion", "la", "contrasena", "esta",
                        "bloqueada", "anadir");
    }

    @Test
    void portugueseAccentsAndCedillasAreFolded() {
        assertThat(v2("Não consigo acessar: a configuração está errada. Atenção, ação necessária, João"))
                .containsExactly("nao", "consigo", "acessar", "a", "configuracao", "esta", "errada", "atencao", "acao",
                        "necessaria", "joao");
    }

    @Test
    void aJapaneseSentenceBecomesOverlappingCharacterBigrams() {
        // Version 1 made one word of each sentence: no two tickets would ever share it.
        assertThat(v1("パスワードをリセットできません。")).containsExactly("パスワードをリセットできません");
        assertThat(v2("パスワードをリセットできません。"))
                .containsExactly("パス", "スワ", "ワー", "ード", "ドを", "をリ", "リセ", "セッ", "ット", "トで", "でき",
                        "きま", "ませ", "せん");
        // Half-width katakana and its voicing marks read as the full-width letters.
        assertThat(v2("ｶﾞｲﾄﾞ")).isEqualTo(v2("ガイド")).containsExactly("ガイ", "イド");
    }

    @Test
    void aChineseSentenceBecomesOverlappingCharacterBigrams() {
        assertThat(v1("我无法登录，密码重置")).containsExactly("我无法登录", "密码重置");
        assertThat(v2("我无法登录，密码重置")).containsExactly("我无", "无法", "法登", "登录", "密码", "码重", "重置");
    }

    @Test
    void aRunOfOneCharacterIsItsOwnFeature() {
        assertThat(v2("漢")).containsExactly("漢");
        assertThat(v2("2024年3月")).containsExactly("2024", "年", "3", "月");
        assertThat(v2("２０２４年３月")).containsExactly("2024", "年", "3", "月");
    }

    @Test
    void thaiBecomesBigramsOfCharactersWithTheirMarks() {
        // Version 1 cut Thai words at every vowel and tone mark (they are marks, not letters).
        assertThat(v1("ไม่ได้")).containsExactly("ไม", "ได");
        assertThat(v2("ไม่ได้")).containsExactly("ไม่", "ม่ไ", "ได้");
        assertThat(v2("ไม่สามารถเข้าสู่ระบบได้")).contains("สา", "ระ", "ะบ", "บบ").allMatch(f -> f.codePointCount(0, f.length()) <= 4);
    }

    @Test
    void digitsOfAnUnspacedScriptAreDigitsLikeAnyOther() {
        // Jazzer found "๑hrroneeei" (a Thai digit before Latin letters) treated as Thai by one check and as a
        // digit by another; a digit of any script is a digit, in words and in addresses alike.
        assertThat(v2("๑hrroneeei")).containsExactly("๑hrroneeei");
        assertThat(v2("ราคา๑๐๐บาท")).containsExactly("รา", "าค", "คา", "๑๐๐", "บา", "าท");
        assertThat(v2("support๑@example.com")).containsExactly("<email>");
        assertThat(UnspacedScripts.isUnspaced('๑')).isFalse();
        assertThat(UnspacedScripts.isUnspaced('ก')).isTrue();
    }

    @Test
    void hangulAndDevanagariStayWordBased() {
        assertThat(v2("한국어 로그인이 안 돼요")).containsExactly("한국어", "로그인이", "안", "돼요");
        // Vowel signs are marks that spell the word: version 2 keeps them inside it, version 1 cut there.
        assertThat(v1("क्या आप")).containsExactly("क", "य", "आप");
        assertThat(v2("क्या आप")).containsExactly("क्या", "आप");
    }

    @Test
    void wordsOfSpacedScriptsInsideAnUnspacedRunAreWordsOfTheirOwn() {
        assertThat(v2("Outlookが起動しない Windows10で iPhone手机 版本-2 e-mail"))
                .containsExactly("outlook", "が起", "起動", "動し", "しな", "ない", "windows10", "で", "iphone", "手机",
                        "版本", "2", "e-mail");
    }

    @Test
    void anAddressOrLinkInsideChineseTextIsFoundAndTheTextAroundItKept() {
        // Version 1 read the whole run as one address, the Chinese words included.
        assertThat(v1("请发邮件至support@example.com谢谢")).containsExactly("<email>");
        assertThat(v2("请发邮件至support@example.com谢谢")).containsExactly("请发", "发邮", "邮件", "件至", "<email>", "谢谢");
        assertThat(v2("详情见https://example.com/wiki/密码 谢谢")).containsExactly("详情", "情见", "<url>", "谢谢");
        assertThat(v2("价格¥500元")).containsExactly("价格", "<money>", "元");
    }

    @Test
    void emojiAreNotWordsAndDoNotJoinOrBreakTheWordsAroundThem() {
        assertThat(v2("Server down 🔥🔥 bug🐛fix 😡 👨\u200d👩\u200d👧 ok 🇩🇪")).containsExactly("server", "down", "bug",
                "fix", "ok");
        assertThat(v2("Server down 🔥🔥 bug🐛fix 😡 ok")).isEqualTo(v1("Server down 🔥🔥 bug🐛fix 😡 ok"));
    }

    @Test
    void compatibilityFormsCaseAndInvisibleCharactersAreFolded() {
        assertThat(v2("ＡＢＣ１２３ ﬁle Daten\u00ADverlust don’t e-mail İSTANBUL ışık Łódź"))
                .containsExactly("abc123", "file", "datenverlust", "don't", "e-mail", "istanbul", "isik", "lodz");
        assertThat(v2("ΟΔΟΣ οδος")).containsExactly("οδοσ", "οδοσ");
        assertThat(v2("Не могу войти, ёлка")).containsExactly("не", "могу", "воити", "елка");
        assertThat(v2("cafe\u0301 café")).containsExactly("cafe", "cafe");
    }

    @Test
    void placeholdersWorkAsInVersionOne() {
        String text = "See https://example.com/ä?b=1 or mail jane.doe@example.co.uk: charged $49.99 and 20 EUR on order "
                + "12345678, error 404";
        assertThat(v2(text)).isEqualTo(v1(text)).containsExactly("see", "<url>", "or", "mail", "<email>", "charged",
                "<money>", "and", "<money>", "on", "order", "<number>", "error", "404");
        assertThat(v2("Bestellung １２３４５６７ über ＄４９")).containsExactly("bestellung", "<number>", "uber", "<money>");
    }

    @Test
    void pairsSubjectWordsAndCharacterNgramsAreMadeFromTheNewWords() {
        Tokenizer tokenizer = new Tokenizer(FeatureSettings.parse("words+bigrams+subject+chars3-4+tokenizer2"));

        assertThat(tokenizer.features("Größe", "密码重置"))
                .containsExactly("grosse", "密码", "码重", "重置",
                        "密码 码重", "码重 重置",
                        "subject:grosse",
                        "ch:<gr", "ch:gro", "ch:ros", "ch:oss", "ch:sse", "ch:se>", "ch:<gro", "ch:gros", "ch:ross",
                        "ch:osse", "ch:sse>",
                        "ch:<密码", "ch:密码>", "ch:<码重", "ch:码重>", "ch:<重置", "ch:重置>");
    }

    @Test
    void characterNgramsNeverCutALetterOutsideTheBasicPlaneInHalf() {
        Tokenizer v2 = new Tokenizer(FeatureSettings.parse("words+chars2-3+tokenizer2"));
        Tokenizer v1 = new Tokenizer(FeatureSettings.parse("words+chars2-3"));

        assertThat(v2.features("", "𠀀𠀁")).containsExactly("𠀀𠀁", "ch:<𠀀", "ch:𠀀𠀁", "ch:𠀁>", "ch:<𠀀𠀁", "ch:𠀀𠀁>")
                .allMatch(TokenizerVersion2Test::wellFormed);
        assertThat(v1.features("", "𠀀𠀁")).anyMatch(f -> !wellFormed(f)); // what version 1 did, and still does
    }

    @Test
    void asciiTextGivesTheSameWordsInBothVersions() {
        String text = "My E-mail 2FA fails on v2.3 with 0x80070005 and ERR_CONNECTION_RESET, don't know why. "
                + "Refund of $ 1,200.50 and 30 EUR, 12usd; a--b; a.-b; www.example.org";
        assertThat(v2(text)).isEqualTo(v1(text));
    }

    @Test
    void emptyAndNullTextGiveNoWords() {
        assertThat(v2(null)).isEmpty();
        assertThat(v2("")).isEmpty();
        assertThat(v2(" \u200b🔥 ")).isEmpty();
        assertThat(new Tokenizer(WORDS_V2).features(null, null)).isEmpty();
    }

    @Test
    void theTextItselfIsNotChanged() {
        String ticket = "Größe: パスワード";
        new Tokenizer(WORDS_V2).features(ticket, ticket);

        assertThat(ticket).isEqualTo("Größe: パスワード");
    }

    @Test
    void anUnknownVersionIsRefused() {
        FeatureSettings three = FeatureSettings.DEFAULT.withTokenizerVersion(3);

        assertThatThrownBy(() -> new Tokenizer(three)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer version 3");
        assertThatThrownBy(() -> FeatureSettings.parse("words+tokenizer3")).hasMessageContaining("tokenizer3");
        assertThat(Tokenizer.isKnownVersion(0)).isFalse();
        assertThat(Tokenizer.isKnownVersion(1)).isTrue();
        assertThat(Tokenizer.isKnownVersion(2)).isTrue();
    }

    @Test
    void theVersionIsPartOfTheSettingsNameOnlyFromVersionTwo() {
        FeatureSettings v2 = FeatureSettings.parse("words+bigrams+subject+binary+tokenizer2");

        assertThat(v2.tokenizerVersion()).isEqualTo(2);
        assertThat(v2.describe()).isEqualTo("words+bigrams+subject+binary+tokenizer2");
        assertThat(FeatureSettings.parse(v2.describe())).isEqualTo(v2);
        assertThat(FeatureSettings.DEFAULT.describe()).isEqualTo("words+bigrams+subject+binary");
        assertThat(FeatureSettings.parse("words+bigrams", 2).tokenizerVersion()).isEqualTo(2);
        assertThat(FeatureSettings.parse("words+bigrams+tokenizer1", 2).tokenizerVersion()).isEqualTo(1);
    }

    @Test
    void theCardNamesVersionTwoAndLeavesVersionOneOutAsBefore() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        FeatureSettings v2 = FeatureSettings.DEFAULT.withTokenizerVersion(2);

        assertThat(json.writeValueAsString(FeatureSettings.DEFAULT)).doesNotContain("tokenizerVersion");
        assertThat(json.writeValueAsString(v2)).contains("\"tokenizerVersion\":2");
        assertThat(json.readValue(json.writeValueAsString(v2), FeatureSettings.class)).isEqualTo(v2);
        assertThat(json.readValue(json.writeValueAsString(FeatureSettings.DEFAULT), FeatureSettings.class))
                .isEqualTo(FeatureSettings.DEFAULT);
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
}
