package org.sundaydigest.bounce;

import java.util.Objects;

/**
 * A webhook call the service will not act on: it could not be authenticated, or it was not in the shape the provider
 * documents. The message says what was wrong in words and never repeats a secret, a signature or a value from the
 * payload, so that it can be logged as it is. It carries no stack trace: a refusal is an answer, not a fault.
 */
final class WebhookRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a call was refused, with the HTTP status the service answers with. */
    enum Reason {
        /** The signature, the credentials or the timestamp do not hold: 401. */
        UNAUTHORIZED(401),
        /** The body is not what the provider sends: 400. */
        MALFORMED(400);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** The HTTP status to answer with. */
        int status() {
            return status;
        }
    }

    private final Reason reason;

    WebhookRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A call that could not be authenticated. */
    static WebhookRefused unauthorized(String message) {
        return new WebhookRefused(Reason.UNAUTHORIZED, message);
    }

    /** A call whose body is not in the documented shape. */
    static WebhookRefused malformed(String message) {
        return new WebhookRefused(Reason.MALFORMED, message);
    }

    Reason reason() {
        return reason;
    }
}
