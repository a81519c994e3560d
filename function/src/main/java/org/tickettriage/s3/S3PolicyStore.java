package org.tickettriage.s3;

import java.util.function.Function;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.triage.PolicyStore;
import org.tickettriage.triage.TriageSettings;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Routing policies in S3 ({@link S3PolicyFiles}) for a {@code TRIAGE_ROUTING} of {@code s3://bucket/key.csv} or
 * {@code s3://bucket/prefix/}, read with the function's credentials. Registered in
 * {@code META-INF/services/org.tickettriage.triage.PolicyStore}; the core loads it, and with it the AWS SDK, for such
 * values only.
 */
public final class S3PolicyStore implements PolicyStore {

    @Override
    public String scheme() {
        return S3PolicyFiles.SCHEME;
    }

    @Override
    public <T> T read(String location, TriageSettings settings, Function<PolicyFiles, T> reader) {
        // Read once at start-up (inside a SnapStart snapshot): the client is closed with nothing left open.
        try (S3Client s3 = S3Clients.create(settings.s3PathStyle())) {
            return reader.apply(S3PolicyFiles.at(s3, location));
        }
    }
}
