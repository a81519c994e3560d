package org.tickettriage.email;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Reads one raw RFC 5322 message with Apache James mime4j's streaming parser: every transfer encoding
 * is decoded by mime4j, every charset the JDK knows is decoded here (with a UTF-8 / windows-1252
 * fallback for unknown or missing ones), nested multiparts and forwarded {@code message/rfc822} parts
 * are followed, and attachments are counted and skipped without being held in memory.
 *
 * <p>Lenient by design: malformed mail (broken boundaries, missing headers, invalid bytes, oversized
 * parts) is read as far as possible and what went wrong is reported in {@link ParsedEmail#warnings()} and
 * {@link ParsedEmail#malformed()}. Only a failure of the input stream itself is thrown. Thread-safe.
 */
public final class EmailParser {

    /** Most bytes of a message read: SES accepts messages up to 40 MB, so every one it stores is read whole. */
    public static final long MAX_MESSAGE_BYTES = 40L * 1024 * 1024;
    /** Most bytes of one text/plain part read (after transfer decoding); a ticket holds far fewer characters. */
    public static final int MAX_PLAIN_PART_BYTES = 1024 * 1024;
    /** Most bytes of one text/html part read; markup and inline styles make HTML several times its text. */
    public static final int MAX_HTML_PART_BYTES = 4 * 1024 * 1024;
    /** Most text read over all parts of a message; later text parts are skipped. */
    static final long MAX_TEXT_BYTES = 8L * 1024 * 1024;
    /** Most header fields per entity, and most bytes per field: beyond them the structure counts as broken. */
    static final int MAX_HEADER_FIELDS = 2_000;
    static final int MAX_HEADER_FIELD_BYTES = 256 * 1024;
    private static final int MAX_KEPT_HEADER_CHARS = 4_000;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(fwd?|fw|tr|wg|rv|enc|doorst)\\s*:.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNDARY_LINE = Pattern.compile("^--\\S{6,}$");
    private static final Pattern MIME_HEADER_LINE = Pattern.compile("^content-[a-z-]+:.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private final long maxMessageBytes;

    /** A parser that reads messages up to {@link #MAX_MESSAGE_BYTES}. */
    public EmailParser() {
        this(MAX_MESSAGE_BYTES);
    }

    /** A parser that reads at most {@code maxMessageBytes} of each message (the rest is reported as cut). */
    public EmailParser(long maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Parses one raw message. Never fails on the message's content.
     *
     * @throws IOException when {@code raw} itself cannot be read (the caller may retry)
     */
    public ParsedEmail parse(InputStream raw) throws IOException {
        CappedInputStream capped = new CappedInputStream(raw, maxMessageBytes);
        DigestInputStream digesting = new DigestInputStream(capped, sha256());
        Collector collector = new Collector();
        MimeStreamParser parser = new MimeStreamParser(mimeConfig(), DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        parser.setRecurse();
        parser.setContentHandler(collector);
        try {
            parser.parse(digesting);
        } catch (MimeException e) {
            collector.malformed("The MIME structure is broken (" + firstLine(e.getMessage()) + "); the message was read up to that point.");
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // Hostile or broken input can trip mime4j's decoders; what was read so far is still usable.
            collector.malformed("The MIME parser stopped on broken input (" + e.getClass().getSimpleName()
                    + "); the message was read up to that point.");
        }
        // The hash is the ticket id of a message without a Message-ID: it covers the whole message even where the
        // parser stopped early, or two messages that break the same way would share one id.
        digesting.transferTo(OutputStream.nullOutputStream());
        if (capped.cut()) {
            collector.warnings.add("The message is larger than " + maxMessageBytes + " bytes; only the first "
                    + maxMessageBytes + " were read.");
        }
        return collector.result(HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    }

    private static MimeConfig mimeConfig() {
        return new MimeConfig.Builder()
                .setStrictParsing(false)
                // Body lines of any length (unwrapped HTML, base64 without line breaks) are legal enough to read.
                .setMaxLineLen(-1)
                .setMaxHeaderCount(MAX_HEADER_FIELDS)
                .setMaxHeaderLen(MAX_HEADER_FIELD_BYTES)
                .setMaxContentLen(-1)
                // A first line that is not a header (a headless message) starts the body instead of being lost.
                .setMalformedHeaderStartsBody(true)
                .build();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One message: the top-level one, or a forwarded {@code message/rfc822} inside it. */
    private static final class MessageText {
        final boolean top;
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        String subject = "";
        String preamble = "";
        boolean multipart;
        boolean partsSeen;

        MessageText(boolean top) {
            this.top = top;
        }
    }

    /** One entity (message or body part) on the way down: its content headers. */
    private static final class Entity {
        final MessageText message;
        ContentTypeField contentType;
        ContentDispositionField disposition;

        Entity(MessageText message) {
            this.message = message;
        }
    }

    /** Receives mime4j's events and keeps what a ticket needs. */
    private static final class Collector extends AbstractContentHandler {

        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final List<MessageText> messages = new ArrayList<>();
        final Deque<Entity> entities = new ArrayDeque<>();
        final Deque<MessageText> open = new ArrayDeque<>();
        String malformed;
        String messageId;
        String from;
        String sender;
        String returnPath;
        Instant date;
        int attachments;
        long textBytes;

        void malformed(String reason) {
            if (malformed == null) {
                malformed = reason;
            }
        }

        @Override
        public void startMessage() {
            MessageText message = new MessageText(messages.isEmpty());
            messages.add(message);
            open.push(message);
            entities.push(new Entity(message));
        }

        @Override
        public void endMessage() {
            entities.pop();
            open.pop();
        }

        @Override
        public void startBodyPart() {
            open.peek().partsSeen = true;
            entities.push(new Entity(open.peek()));
        }

        @Override
        public void endBodyPart() {
            entities.pop();
        }

        @Override
        public void startMultipart(BodyDescriptor descriptor) {
            open.peek().multipart = true;
        }

        @Override
        public void preamble(InputStream in) throws IOException {
            MessageText message = open.peek();
            // Kept for a multipart whose boundary never appears: then the preamble is the whole body.
            if (message.preamble.isEmpty()) {
                message.preamble = decode(in.readNBytes(MAX_PLAIN_PART_BYTES), null, warnings);
            }
        }

        @Override
        public void field(Field field) {
            Entity entity = entities.peek();
            String name = field.getName().toLowerCase(Locale.ROOT);
            ParsedField parsed = LenientFieldParser.getParser().parse(field, DecodeMonitor.SILENT);
            switch (name) {
                case "content-type" -> entity.contentType = parsed instanceof ContentTypeField type ? type : null;
                case "content-disposition" -> entity.disposition =
                        parsed instanceof ContentDispositionField disposition ? disposition : null;
                case "subject" -> entity.message.subject = parsed instanceof UnstructuredField subject
                        ? clean(subject.getValue()).strip() : "";
                default -> {
                    // the top-level fields are handled below
                }
            }
            if (!entity.message.top || entities.size() != 1) {
                return;
            }
            if (headers.values().stream().mapToInt(List::size).sum() < MAX_HEADER_FIELDS) {
                String value = unfold(field.getBody());
                headers.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(value.length() > MAX_KEPT_HEADER_CHARS ? value.substring(0, MAX_KEPT_HEADER_CHARS) : value);
            }
            switch (name) {
                case "message-id" -> messageId = messageId == null ? messageId(field.getBody()) : messageId;
                case "from" -> from = from == null ? address(parsed) : from;
                case "sender" -> sender = sender == null ? address(parsed) : sender;
                case "return-path" -> returnPath = returnPath == null ? messageId(field.getBody()) : returnPath;
                case "date" -> {
                    if (date == null && parsed instanceof DateTimeField dateField && parsed.isValidField()
                            && dateField.getDate() != null) {
                        date = dateField.getDate().toInstant();
                    }
                }
                default -> {
                    // kept in headers only
                }
            }
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream in) throws IOException {
            Entity entity = entities.peek();
            MessageText message = entity.message;
            String mimeType = descriptor.getMimeType() == null ? "text/plain" : descriptor.getMimeType().toLowerCase(Locale.ROOT);
            boolean plain = mimeType.equals("text/plain");
            boolean html = mimeType.equals("text/html");
            if ((!plain && !html) || isAttachment(entity)) {
                attachments++; // not read: mime4j skips the rest of the part as we return
                return;
            }
            if (textBytes >= MAX_TEXT_BYTES) {
                warnings.add("The message has more than " + MAX_TEXT_BYTES + " bytes of text; later text parts were skipped.");
                return;
            }
            int cap = plain ? MAX_PLAIN_PART_BYTES : MAX_HTML_PART_BYTES;
            byte[] bytes = in.readNBytes(cap);
            if (in.read() >= 0) {
                warnings.add("A text part is longer than " + cap + " bytes; only the first " + cap + " were read.");
            }
            textBytes += bytes.length;
            String charset = entity.contentType == null ? null : entity.contentType.getCharset();
            (plain ? message.plain : message.html).add(decode(bytes, charset, warnings));
        }

        private static boolean isAttachment(Entity entity) {
            ContentDispositionField disposition = entity.disposition;
            if (disposition != null && disposition.isAttachment()) {
                return true;
            }
            boolean inline = disposition != null && disposition.isInline();
            boolean named = (disposition != null && disposition.getFilename() != null)
                    || (entity.contentType != null && entity.contentType.getParameter("name") != null);
            return named && !inline;
        }

        ParsedEmail result(String contentSha256) {
            if (messages.isEmpty()) {
                messages.add(new MessageText(true));
            }
            MessageText top = messages.get(0);
            String subject = top.subject;
            boolean forwarding = FORWARD_SUBJECT.matcher(subject).matches() || messages.size() > 1;
            StringBuilder text = new StringBuilder(text(top, forwarding));
            for (MessageText forwarded : messages.subList(1, messages.size())) {
                String body = text(forwarded, false);
                if (body.isEmpty() && forwarded.subject.isEmpty()) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(forwarded.subject.isEmpty() ? body : forwarded.subject + (body.isEmpty() ? "" : "\n" + body));
            }
            if (messageId == null) {
                warnings.add("The message has no Message-ID.");
            }
            String address = from != null ? from : sender != null ? sender : returnPath;
            if (from == null) {
                warnings.add("The message has no readable From address.");
            }
            List<String> allWarnings = new ArrayList<>(warnings);
            if (malformed != null) {
                allWarnings.add(0, malformed);
            }
            Map<String, List<String>> kept = new LinkedHashMap<>();
            headers.forEach((name, values) -> kept.put(name, List.copyOf(values)));
            return new ParsedEmail(kept, messageId, address == null || address.isEmpty() ? null : address, date,
                    subject, text.toString(), attachments, messages.size() - 1, contentSha256,
                    List.copyOf(allWarnings), malformed);
        }

        /** The message's own text: its plain parts, else its HTML parts as text, else a broken multipart's raw body. */
        private String text(MessageText message, boolean forwarding) {
            String plain = String.join("\n\n", message.plain);
            String text;
            if (!plain.isBlank()) {
                text = plain;
            } else if (!message.html.isEmpty()) {
                StringBuilder fromHtml = new StringBuilder();
                for (String html : message.html) {
                    fromHtml.append(HtmlText.toText(html, forwarding)).append("\n\n");
                }
                text = fromHtml.toString();
            } else if (message.multipart && !message.partsSeen && !message.preamble.isBlank()) {
                malformed("The multipart boundary was never found; the raw body was read as text.");
                text = withoutMimeLines(message.preamble);
            } else {
                text = "";
            }
            return ReplyStripper.strip(clean(text), forwarding);
        }
    }

    /** A broken multipart's raw body without its boundary and part-header lines. */
    private static String withoutMimeLines(String raw) {
        StringBuilder out = new StringBuilder();
        for (String line : raw.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (!BOUNDARY_LINE.matcher(trimmed).matches() && !MIME_HEADER_LINE.matcher(trimmed).matches()
                    && !trimmed.toLowerCase(Locale.ROOT).startsWith("this is a multi-part message")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Decodes a text part. A declared charset the JDK knows is used (ISO-8859-1 read as its superset
     * windows-1252, as browsers do); otherwise valid UTF-8 is assumed, then windows-1252. Invalid bytes
     * become U+FFFD and a warning.
     */
    static String decode(byte[] bytes, String declared, Set<String> warnings) {
        Charset charset = null;
        if (declared != null && !declared.isBlank()) {
            charset = lookup(declared.strip());
            if (charset == null) {
                warnings.add("Unknown charset \"" + printable(declared) + "\"; the text was read as UTF-8 or windows-1252.");
            }
        }
        if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
            // Undeclared or "us-ascii" 8-bit text is UTF-8 from modern clients, windows-1252 from old ones.
            if (isAscii(bytes)) {
                return new String(bytes, StandardCharsets.US_ASCII);
            }
            charset = strictlyDecodes(bytes, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        } else if (charset.equals(StandardCharsets.ISO_8859_1)) {
            charset = WINDOWS_1252;
        }
        if (strictlyDecodes(bytes, charset)) {
            return new String(bytes, charset);
        }
        warnings.add("Some bytes are not valid " + charset.name() + " and were replaced.");
        return new String(bytes, charset); // String's constructor replaces malformed input
    }

    private static Charset lookup(String name) {
        try {
            return CharsetUtil.lookup(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean strictlyDecodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Invisible characters out, non-breaking spaces as spaces, control characters (but newlines and tabs) out. */
    static String clean(String text) {
        String visible = INVISIBLE.matcher(text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ')).replaceAll("");
        return CONTROL.matcher(visible).replaceAll("");
    }

    private static String unfold(String value) {
        return value == null ? "" : value.replaceAll("\r?\n[ \t]*", " ").strip();
    }

    /** The text between angle brackets, or the whole trimmed value; null when empty. */
    private static String messageId(String raw) {
        if (raw == null) {
            return null;
        }
        String value = unfold(raw);
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    private static String address(ParsedField parsed) {
        if (parsed instanceof MailboxListField list && list.getMailboxList() != null && !list.getMailboxList().isEmpty()) {
            Mailbox mailbox = list.getMailboxList().get(0);
            return mailbox.getAddress();
        }
        return null;
    }

    private static String printable(String value) {
        String safe = value.replaceAll("[^A-Za-z0-9._:+-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) : safe;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** Reads at most {@code limit} bytes, then reports the end of the stream and remembers that it cut. */
    private static final class CappedInputStream extends FilterInputStream {
        private long remaining;
        private boolean cut;

        CappedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        boolean cut() {
            return cut;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return endOrCut();
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return endOrCut();
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        private int endOrCut() throws IOException {
            if (!cut && super.read() >= 0) {
                cut = true;
            }
            return -1;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Leaves the caller's stream open: mime4j closes it at the end, before parse has hashed what is left. */
        @Override
        public void close() {
            // the caller opened raw and closes it
        }
    }
}
