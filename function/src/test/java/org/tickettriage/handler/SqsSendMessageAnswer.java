package org.tickettriage.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Answers SQS's {@code SendMessage} (JSON protocol) as SQS does: a message id and the MD5 of the body received, which
 * the SDK checks against what it sent.
 */
final class SqsSendMessageAnswer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sqs-send-message";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            String body = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("MessageBody").asText();
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(JSON.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                            .put("MD5OfMessageBody", md5).toString())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
