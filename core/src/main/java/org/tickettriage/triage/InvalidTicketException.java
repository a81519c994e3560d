package org.tickettriage.triage;

/** The ticket cannot be triaged as given; maps to a 4xx with {@link #code()} and the message. */
public class InvalidTicketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    a stable machine-readable error code, e.g. {@code empty_ticket}
     * @param message a sentence for the caller; never contains ticket text
     */
    public InvalidTicketException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The machine-readable error code. */
    public String code() {
        return code;
    }
}
