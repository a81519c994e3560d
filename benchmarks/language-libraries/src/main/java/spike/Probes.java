package spike;

/** Texts written for this spike (not from any data set). */
final class Probes {
  static final String[][] PROBES = {
      {"empty", ""},
      {"blank", "   \n "},
      {"digits", "#12345"},
      {"url", "https://portal.example.com/account/reset?token=ab12cd"},
      {"email-addr", "anna.berg@example.org"},
      {"Hi", "Hi"},
      {"ok", "ok"},
      {"Danke", "Danke"},
      {"Refund please", "Refund please"},
      {"Passwort zuruecksetzen", "Passwort zurücksetzen"},
      {"Rechnung fehlt", "Rechnung fehlt"},
      {"Bitte um Rueckruf", "Bitte um Rückruf"},
      {"printer broken (en 5w)", "My printer is broken again"},
      {"es short", "No puedo iniciar sesión"},
      {"fr short", "Je n'arrive pas à me connecter"},
      {"nl short", "Ik kan niet inloggen"},
      {"mixed en+de sentence", "Hallo, my printer is not working since the update. Können Sie bitte helfen? Danke!"},
      {"mixed half/half", "The invoice for March is wrong, the amount is charged twice. Die Rechnung für März ist "
          + "falsch, der Betrag wurde doppelt abgebucht."},
      {"en reply + de quote", "Thanks, that fixed it, the export works again.\n\n-----Ursprüngliche Nachricht-----\n"
          + "Von: Support\nBetreff: Ihr Ticket 4711\nSehr geehrte Frau Berg, wir haben die Exporteinstellungen Ihres "
          + "Kontos korrigiert. Bitte versuchen Sie den Export erneut und geben Sie uns Bescheid, ob er jetzt "
          + "funktioniert. Mit freundlichen Grüßen, Ihr Support-Team"},
      {"de + en stack trace", "Der Export bricht ab mit folgender Meldung:\njava.lang.IllegalStateException: "
          + "Connection pool shut down at org.apache.http.impl.conn.PoolingHttpClientConnectionManager.requestConnection"
          + "(PoolingHttpClientConnectionManager.java:269) at com.example.export.Client.send(Client.java:88)"},
      {"ja", "パスワードをリセットできません。ログイン画面でエラーが表示されます。至急対応をお願いします。"},
      {"zh", "我无法重置密码，登录页面一直显示错误。请尽快帮我处理，谢谢。"},
      {"ru", "Не могу сбросить пароль, на странице входа появляется ошибка. Помогите, пожалуйста, это срочно."},
      {"pl", "Nie mogę zresetować hasła, na stronie logowania pojawia się błąd. Proszę o pilną pomoc."},
      {"pl long", "Dzień dobry,\n\nod wczoraj nie mogę zalogować się do portalu klienta. Po zresetowaniu hasła "
          + "otrzymuję wiadomość e-mail, ale nowe hasło jest odrzucane z komunikatem o błędnych danych logowania. "
          + "Czy mogą Państwo sprawdzić moje konto i je odblokować? Z góry dziękuję za pomoc.\n\nPozdrawiam, Anna"},
      {"sv", "Jag kan inte återställa mitt lösenord, inloggningssidan visar ett fel. Snälla hjälp mig."},
      {"cs", "Nemohu obnovit heslo, na přihlašovací stránce se zobrazuje chyba. Prosím o pomoc."},
  };

  /** Priming texts for SnapStart / heap measurement: one long and one short text per script. */
  static final String[] PRIMING = {
      Bench.SAMPLE,
      "Bitte Passwort zurücksetzen",
      "Не могу сбросить пароль",
      "パスワード",
  };
}
