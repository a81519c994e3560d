package org.tickettriage.handler;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.triage.InvalidTicketException;

/**
 * An error as the caller sees it: the body {@code {"error": code, "message": text}} plus its status.
 * {@link #from} is the one place where exceptions become responses.
 *
 * @param status  the HTTP status
 * @param error   the machine-readable code
 * @param message a sentence for the caller
 * @param headers extra response headers
 */
record ApiError(@JsonIgnore int status, String error, String message, @JsonIgnore Map<String, String> headers) {

    private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

    /** Maps any failure to what the caller may see: 4xx with our message, or a bare 500. */
    static ApiError from(RuntimeException failure, String requestId) {
        if (failure instanceof RejectedRequestException rejected) {
            return new ApiError(rejected.status(), rejected.code(), rejected.getMessage(), rejected.headers());
        }
        if (failure instanceof InvalidTicketException invalid) {
            return new ApiError(400, invalid.code(), invalid.getMessage(), Map.of());
        }
        // An exception's message may quote the ticket (customer data), so only its type is logged at ERROR; at
        // DEBUG the layouts add the stack frames, still without any exception's message (src/main/resources/log4j2.xml).
        LOG.error("internal error {} while handling request {}", failure.getClass().getName(), requestId);
        LOG.debug("internal error detail for request {}", requestId, failure);
        return new ApiError(500, "internal_error",
                "The ticket could not be processed because of an internal error (request " + requestId + ").",
                Map.of());
    }
}
