package org.tickettriage.aws;

/** The delivery table could not be reached: the webhook is answered 503 and the helpdesk delivers it again. */
public final class DeliveryStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeliveryStoreUnavailableException(String message) {
        super(message);
    }
}
