package org.tickettriage.handler;

import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
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

    /** Set to {@code true} to address buckets by path, as S3-compatible servers on localhost need. */
    static final String ENV_PATH_STYLE = "TRIAGE_S3_PATH_STYLE";

    private final S3Client s3;

    S3EmailSource(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /**
     * The client Lambda uses: region and credentials from the function's environment; an endpoint from
     * {@code AWS_ENDPOINT_URL_S3} (read by the SDK itself) for an S3-compatible server.
     */
    static S3EmailSource fromEnvironment() {
        String pathStyle = System.getenv(ENV_PATH_STYLE);
        S3Client client = S3Client.builder()
                .httpClient(httpClient())
                .forcePathStyle(pathStyle != null && pathStyle.strip().equalsIgnoreCase("true"))
                .build();
        return new S3EmailSource(client);
    }

    /** The JDK's HttpURLConnection: no extra threads or native code, and a fraction of Netty's or Apache's classes. */
    static UrlConnectionHttpClient httpClient() {
        return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                // A stalled download fails within the function's timeout, so that Lambda retries the event.
                .socketTimeout(Duration.ofSeconds(20))
                .build();
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
