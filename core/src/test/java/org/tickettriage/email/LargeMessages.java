package org.tickettriage.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Generated messages too large to commit: a short ticket with a big attachment. */
public final class LargeMessages {

    /** The Message-ID of {@link #withAttachment(int)}'s message. */
    public static final String MESSAGE_ID = "large-attachment@example.com";

    private LargeMessages() {
    }

    /** A bug report with a base64 attachment of {@code attachmentBytes} pseudo-random bytes (fixed seed). */
    public static byte[] withAttachment(int attachmentBytes) {
        byte[] attachment = new byte[attachmentBytes];
        new Random(42).nextBytes(attachment);
        ByteArrayOutputStream out = new ByteArrayOutputStream(attachmentBytes * 4 / 3 + 4096);
        write(out, "From: Ops Lead <ops@example.com>\r\nTo: support@example.com\r\nSubject: Server crash dump attached\r\n"
                + "Date: Mon, 03 Mar 2025 09:00:00 +0000\r\nMessage-ID: <" + MESSAGE_ID + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "The server crashes every night at 02:00 with an out of memory error. The crash dump is attached.\r\n\r\n"
                + "--big\r\nContent-Type: application/octet-stream; name=\"core.dump\"\r\n"
                + "Content-Disposition: attachment; filename=\"core.dump\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        out.writeBytes(Base64.getMimeEncoder().encode(attachment));
        write(out, "\r\n--big--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
