package org.tickettriage.handler;

import java.util.Map;

/**
 * The HTTP request itself is unacceptable (route, method, media type, size, encoding, JSON shape);
 * maps to the 4xx it carries. Problems with the ticket's content are {@code InvalidTicketException}.
 */
public final class RejectedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    /**
     * @param status  the 4xx status
     * @param code    a stable machine-readable error code
     * @param message a sentence for the caller; never contains ticket text
     * @param headers extra response headers (e.g. {@code allow} on a 405)
     */
    public RejectedRequestException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejected request maps to a 4xx, not " + status);
        }
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /** A rejection without extra headers. */
    public RejectedRequestException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** The HTTP status, always 4xx. */
    public int status() {
        return status;
    }

    /** The machine-readable error code. */
    public String code() {
        return code;
    }

    /** Extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
