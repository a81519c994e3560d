package org.tickettriage.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps what the customer wrote now: removes quoted replies ({@code >} blocks, "On … wrote:" and its
 * translations, Outlook's "From: / Sent:" header and "Original Message" separators) and signatures
 * ({@code -- } delimiter, "Sent from my …" footers, a closing greeting followed by a short name block).
 *
 * <p>Heuristics on text, applied after MIME decoding; each rule is anchored on a whole line so that a
 * sentence that merely mentions "wrote" or "regards" is never cut.
 */
final class ReplyStripper {

    // "On Mon, 3 Mar 2025 at 10:00, Jane <jane@example.com> wrote:" and the same in other clients' languages
    // (Portuguese: "Em seg., 3 de mar. de 2025 às 10:00, Maria <maria@example.com.br> escreveu:").
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on|am|le|el|il|op|em|den|på|w dniu|в|dne)\\s.{0,400}?"
                    + "((wrote|a écrit|escribió|ha scritto|escreveu|написал|написала|napsal)(\\s*\\(.{0,40}\\))?"
                    // German, Dutch, Nordic and Polish clients put the sender after the verb: "… schrieb Jane <j@x>:".
                    + "|(schrieb|schreef|skrev|napisał)(\\s+.{1,200}?)?)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    // Japanese clients: "2025年3月3日(月) 10:00 山田 <yamada@example.jp>:" or "…のメッセージ:".
    private static final Pattern ATTRIBUTION_JA = Pattern.compile("^.{0,200}(のメッセージ|さんは書きました|wrote)\\s*[:：]\\s*$");
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|"
                    + "messaggio originale|mensagem original|oorspronkelijk bericht|исходное сообщение|元のメッセージ)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\s*\\*?(from|von|de|da|van|от|差出人)\\s*\\*?\\s*[:：].+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\s*\\*?(sent|date|gesendet|datum|envoyé|enviado|enviada em|enviado em|data|fecha|inviato|verzonden|отправлено|送信日時)\\s*\\*?\\s*[:：].*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_TO_OR_SUBJECT = Pattern.compile(
            "^\\s*\\*?(to|subject|an|betreff|à|objet|para|asunto|assunto|a|oggetto|aan|onderwerp|кому|тема|宛先|件名)\\s*\\*?\\s*[:：].*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^-- ?$");
    private static final Pattern MOBILE_FOOTER = Pattern.compile(
            "^\\s*(sent from my .{1,40}|sent from (mail|outlook|yahoo mail|samsung).{0,40}|get outlook for .{1,30}|"
                    + "von meinem .{1,40} gesendet|envoyé de mon .{1,40}|enviado desde mi .{1,40}|enviado do meu .{1,40}|"
                    + "enviado do (outlook|email|e-mail|yahoo mail).{0,40}|obter o outlook para .{1,30}|iPhoneから送信)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CLOSING = Pattern.compile(
            "^\\s*(best|kind|warm|many thanks and|with)?\\s*(regards|wishes)[,.!]?\\s*$|"
                    + "^\\s*(thanks|thank you|many thanks|thanks again|thanks in advance|cheers|best|sincerely|"
                    + "yours sincerely|yours truly|respectfully|br|mfg|mit freundlichen grüßen|viele grüße|grüße|"
                    + "cordialement|bien cordialement|merci|saludos|atentamente|un saluto|cordiali saluti|"
                    + "gracias|muchas gracias|atenciosamente|cordialmente|cumprimentos|melhores cumprimentos|"
                    + "obrigado|obrigada|muito obrigado|muito obrigada|abraços|um abraço|att|grato|grata|kiitos|tack|dziękuję|pozdrawiam|met vriendelijke groet|с уважением|спасибо|"
                    + "よろしくお願いします|よろしくお願いいたします|宜しくお願い致します)[,.!。、]?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A closing greeting is a signature's start when at most this many short lines follow it. */
    private static final int MAX_SIGNATURE_LINES = 6;
    private static final int MAX_SIGNATURE_LINE_CHARS = 72;

    private ReplyStripper() {
    }

    /**
     * The customer's new text.
     *
     * @param text      plain text, with any line endings
     * @param forwarded true when the message forwards another (its inline "original" is the content)
     */
    static String strip(String text, boolean forwarded) {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        int end = lines.size();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (isQuote(line)) {
                continue;
            }
            if (isAttribution(lines, i)) {
                int next = nextNonBlank(lines, i + (joinsNextLine(lines, i) ? 2 : 1));
                if (next >= end || isQuote(lines.get(next))) {
                    // Bottom or interleaved posting: only the attribution goes, the quote is skipped above.
                    i += joinsNextLine(lines, i) ? 1 : 0;
                    continue;
                }
                break; // top posting: the rest is the unquoted original
            }
            if (!forwarded && (ORIGINAL_MESSAGE.matcher(trimmed).matches() || isOutlookHeader(lines, i)
                    || UNDERSCORES.matcher(line).matches() && isOutlookHeader(lines, nextNonBlank(lines, i + 1)))) {
                break;
            }
            if (SIGNATURE_DELIMITER.matcher(line).matches()) {
                break;
            }
            if (MOBILE_FOOTER.matcher(trimmed).matches()) {
                continue;
            }
            kept.add(line);
        }
        cutClosing(kept);
        return tidy(kept);
    }

    private static boolean isQuote(String line) {
        return line.stripLeading().startsWith(">");
    }

    private static boolean isAttribution(List<String> lines, int i) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.length() > 500) {
            return false;
        }
        if (ATTRIBUTION.matcher(line).matches() || ATTRIBUTION_JA.matcher(line).matches()) {
            return true;
        }
        return joinsNextLine(lines, i);
    }

    /** Clients wrap a long attribution over two lines ("On … Jane Doe <" / "jane@example.com> wrote:"). */
    private static boolean joinsNextLine(List<String> lines, int i) {
        if (i + 1 >= lines.size()) {
            return false;
        }
        String first = lines.get(i).strip();
        String joined = first + " " + lines.get(i + 1).strip();
        return !first.isEmpty() && joined.length() <= 500 && !ATTRIBUTION.matcher(first).matches()
                && ATTRIBUTION.matcher(joined).matches();
    }

    /** "From: …" followed within three lines by "Sent:"/"Date:" and "To:"/"Subject:": Outlook's quoted header. */
    private static boolean isOutlookHeader(List<String> lines, int i) {
        if (i >= lines.size() || !HEADER_FROM.matcher(lines.get(i)).matches()) {
            return false;
        }
        boolean sent = false;
        boolean toOrSubject = false;
        for (int j = i + 1; j < Math.min(lines.size(), i + 5); j++) {
            sent |= HEADER_SENT.matcher(lines.get(j)).matches();
            toOrSubject |= HEADER_TO_OR_SUBJECT.matcher(lines.get(j)).matches();
        }
        return sent && toOrSubject;
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    /** Drops a closing greeting and the short name/title block after it, when nothing long follows. */
    private static void cutClosing(List<String> kept) {
        int last = kept.size() - 1;
        while (last >= 0 && kept.get(last).isBlank()) {
            last--;
        }
        for (int i = Math.max(0, last - MAX_SIGNATURE_LINES); i <= last; i++) {
            if (i == 0 || !CLOSING.matcher(kept.get(i)).matches()) {
                continue; // a message that is only "Thanks" keeps it
            }
            boolean shortTail = true;
            for (int j = i + 1; j <= last; j++) {
                shortTail &= kept.get(j).strip().length() <= MAX_SIGNATURE_LINE_CHARS;
            }
            if (shortTail) {
                kept.subList(i, kept.size()).clear();
                return;
            }
        }
    }

    /** Trailing spaces off, at most one blank line in a row, no blank lines at either end. */
    private static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            String clean = line.stripTrailing();
            if (clean.isBlank()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append('\n');
                blank = false;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(clean);
        }
        return out.toString();
    }
}
