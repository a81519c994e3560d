package org.tickettriage.handler;

import java.io.InputStream;
import java.util.Objects;
import org.tickettriage.s3.S3Clients;
import org.tickettriage.triage.TriageSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads raw messages from S3 with the AWS SDK for Java v2 and the JDK's HTTP client. Only
 * {@link EmailIngestHandler} refers to this class, so the HTTP function never loads the SDK.
 */
final class S3EmailSource implements EmailSource {

    private final S3Client s3;

    S3EmailSource(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /**
     * The client Lambda uses ({@link S3Clients}), addressing buckets by path when {@code TRIAGE_S3_PATH_STYLE=true}.
     *
     * @throws org.tickettriage.triage.InvalidSettingsException when a setting's value stops the start
     */
    static S3EmailSource fromEnvironment() {
        return new S3EmailSource(S3Clients.create(TriageSettings.process().requireValid().s3PathStyle()));
    }

    /** The HTTP client every S3 reader of the function uses. */
    static UrlConnectionHttpClient httpClient() {
        return S3Clients.httpClient();
    }

    @Override
    public InputStream open(String bucket, String key, String versionId) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build();
        try {
            return s3.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new EmailObjectMissingException("s3://" + bucket + "/" + key + " does not exist (deleted before it was read).");
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && "NoSuchVersion".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw new EmailObjectMissingException("s3://" + bucket + "/" + key + " version " + versionId + " does not exist.");
            }
            throw e;
        }
    }
}
