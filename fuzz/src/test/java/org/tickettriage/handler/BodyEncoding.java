package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a fuzzed body reaches the event: as API Gateway delivers text, as base64, or flagged base64 but not. */
enum BodyEncoding {
    /** {@code isBase64Encoded: false}, the bytes read as UTF-8 (API Gateway's text bodies). */
    TEXT,
    /** {@code isBase64Encoded: true}, the bytes base64-encoded (API Gateway's binary bodies). */
    BASE64,
    /** {@code isBase64Encoded: true} over the bytes read as text: usually not base64 at all. */
    FLAGGED_BASE64_BUT_TEXT;

    /** Sets {@code event}'s body and base64 flag from {@code bytes} (null: no body). */
    void apply(APIGatewayV2HTTPEvent event, byte[] bytes) {
        event.setIsBase64Encoded(this != TEXT);
        if (bytes == null) {
            event.setBody(null);
        } else if (this == BASE64) {
            event.setBody(Base64.getEncoder().encodeToString(bytes));
        } else {
            event.setBody(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
