package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the language detector reports for tickets, short texts and languages outside its set, and how it routes. */
class LanguageDetectorTest {

    private static LanguageDetector detector;

    @BeforeAll
    static void load() {
        detector = LanguageDetector.load(LanguageDetector.DEFAULT_LANGUAGES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Cannot log in        | Since this morning I cannot log in to my account, the page says my password is wrong.
            de | Anmeldung schlägt fehl | Seit heute Morgen kann ich mich nicht mehr anmelden, das Passwort wird abgelehnt.
            fr | Connexion impossible | Depuis ce matin je ne peux plus me connecter à mon compte, le mot de passe est refusé.
            es | No puedo entrar      | Desde esta mañana no puedo iniciar sesión en mi cuenta, dice que la contraseña es incorrecta.
            pt | Não consigo entrar   | Desde hoje de manhã não consigo entrar na minha conta, diz que a senha está errada.
            it | Accesso non riuscito | Da stamattina non riesco più ad accedere al mio account, la password viene rifiutata.
            nl | Inloggen lukt niet   | Sinds vanochtend kan ik niet meer inloggen op mijn account, het wachtwoord wordt geweigerd.
            """)
    void findsTheLanguageOfATicket(String language, String subject, String description) {
        LanguageDetector.Detected detected = detector.detect(subject, description);

        assertThat(detected.language()).isEqualTo(language);
        assertThat(detected.confidence()).isBetween(LanguageDetector.MIN_CONFIDENCE, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Hi", "12345 6789", "https://example.com/login?next=/account", "jane@example.com",
            "ログインできません。パスワードが間違っていると表示されます。",
            "我无法登录我的账户，系统提示密码错误。",
            "Я не могу войти в свой аккаунт, пишет что пароль неверный.",
            "Od rana nie mogę zalogować się do konta, hasło jest odrzucane."})
    void saysUndWhenTheTextGivesNoHonestAnswerOrTheLanguageIsNotConfigured(String text) {
        assertThat(detector.detect(null, text).language()).as(text).isEqualTo(LanguageDetector.UNDETERMINED);
    }

    @Test
    void aLanguageWithTwoCodesInTheModelIsNotItsOwnRival() {
        // The model names Latvian lav and lvs, Estonian est and ekk, Persian fas and pes: one language each.
        assertThat(LanguageDetector.load(List.of("lv")).detect(null, "Neizdevās atvērt failu, jo mape nav atrasta."))
                .isEqualTo(new LanguageDetector.Detected("lv", 1.0));
        assertThat(LanguageDetector.load(List.of("et", "fi")).detect(null,
                "Faili avamine ebaõnnestus, sest kausta ei leitud. Palun proovige hiljem uuesti.").language()).isEqualTo("et");
        assertThat(LanguageDetector.load(List.of("fa", "ar")).detect(null,
                "باز کردن پرونده ممکن نبود زیرا پوشه پیدا نشد. لطفا بعدا دوباره تلاش کنید.").language()).isEqualTo("fa");
    }

    @Test
    void reportsOnlyTheConfiguredLanguages() {
        LanguageDetector englishAndGerman = LanguageDetector.load(List.of("en", "DE"));

        assertThat(englishAndGerman.languages()).containsExactly("de", "en");
        assertThat(englishAndGerman.detect("Connexion impossible", "Je ne peux plus me connecter à mon compte depuis ce matin.")
                .language()).isEqualTo(LanguageDetector.UNDETERMINED);
        assertThat(LanguageDetector.load(List.of("pl")).detect(null, "Od rana nie mogę zalogować się do konta, hasło jest odrzucane.")
                .language()).isEqualTo("pl");
        assertThatThrownBy(() -> LanguageDetector.load(List.of("en", "xx"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xx' is not a language the detector knows");
        assertThat(LanguageDetector.load(List.of()).on()).isFalse();
        assertThat(LanguageDetector.off().detect("Anmeldung", "Ich kann mich nicht anmelden.")).isEqualTo(LanguageDetector.Detected.NONE);
    }

    @Test
    void leavesOutWhatCarriesNoLanguageAndReadsAtMostMaxChars() {
        StringBuilder kept = new StringBuilder();
        LanguageDetector.keepLanguage("Der Export bricht ab: java.lang.NullPointerException at Export.run(Export.java:42) "
                + "siehe https://example.com/x und C:\\temp\\log.txt, Fehler E-4711, Mail an jane@example.com. Danke.", kept);
        assertThat(kept.toString()).isEqualTo("Der Export bricht ab: at siehe und Fehler Mail an Danke.");

        StringBuilder capped = new StringBuilder();
        LanguageDetector.keepLanguage("wort ".repeat(1_000) + "x".repeat(50_000), capped);
        assertThat(capped.length()).isEqualTo(LanguageDetector.MAX_CHARS);
    }

    @Test
    void aLongTicketWithAStackTraceIsStillItsLanguage() {
        String trace = "java.lang.IllegalStateException: boom\n\tat com.example.Foo.bar(Foo.java:10)\n".repeat(200);
        assertThat(detector.detect("Absturz beim Speichern", "Beim Speichern stürzt die Anwendung jedes Mal ab. Hier der Fehler:\n"
                + trace).language()).isEqualTo("de");
    }

    @Test
    void theServiceKeepsTheClientsLanguageDetectsTheRestAndRoutesOnIt(@TempDir Path folder) {
        PolicyFolders.write(folder, Map.of("routing.csv", "category,priority,team,queue,first_response,language\n"
                + "*,*,Support DACH,support-de,P1D,de\n*,*,Support,support,P1D,*\n"));
        TriageService service = TriageServices.create(Optional.empty(), OptionalDouble.empty(),
                TriageServices.routingPolicy(folder.toString()));

        TriageResult german = service.triage(new Ticket(null, "Rechnung doppelt abgebucht",
                "Mir wurde die Rechnung für November zweimal abgebucht. Bitte erstatten Sie den Betrag.", null, null));
        TriageResult english = service.triage(new Ticket(null, "Charged twice",
                "I was charged twice for my November invoice. Please refund the second payment.", null, null));
        TriageResult told = service.triage(new Ticket(null, null, "I was charged twice for my November invoice.",
                null, null, null, null, null, null, "DE", null));
        TriageResult shortOne = service.triage(new Ticket(null, "Hi", null, null, null));

        assertThat(german.language()).isEqualTo("de");
        assertThat(german.queue()).isEqualTo("support-de");
        assertThat(english.language()).isEqualTo("en");
        assertThat(english.queue()).isEqualTo("support");
        assertThat(told.language()).isEqualTo("de");
        assertThat(told.languageConfidence()).isEqualTo(1.0);
        assertThat(told.queue()).isEqualTo("support-de");
        assertThat(shortOne.language()).isEqualTo(LanguageDetector.UNDETERMINED);
        assertThat(shortOne.languageConfidence()).isLessThan(LanguageDetector.MIN_CONFIDENCE);
    }
}
