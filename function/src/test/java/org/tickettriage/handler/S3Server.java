package org.tickettriage.handler;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3-compatible server on 127.0.0.1 (S3Proxy over an in-memory jclouds blob store, SigV4
 * authentication), started and stopped by the tests; the SDK talks to it over HTTP with path-style URLs.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "triage-test-access-key";
    static final String SECRET_KEY = "triage-test-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, BlobStoreContext blobs) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server on a free port and waits until it accepts requests. */
    static S3Server start() throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Newer SDKs send checksum headers S3 accepts and S3Proxy does not implement.
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 20 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new S3Server(proxy, blobs);
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client for this server, built like the function's: the URL-connection HTTP client, path-style addressing. */
    S3Client client() {
        return builder().build();
    }

    private S3ClientBuilder builder() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                // us-east-1: createBucket then sends no location constraint, which the in-memory store rejects.
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(S3EmailSource.httpClient());
    }

    /** Uploads without the SDK's default streaming checksum trailer, which S3Proxy does not verify correctly over HTTP. */
    private S3Client uploader() {
        return builder().requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
    }

    /** Stores {@code bytes} as {@code bucket}/{@code key}, creating the bucket when needed. */
    void put(String bucket, String key, byte[] bytes) {
        try (S3Client s3 = uploader()) {
            if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            s3.putObject(p -> p.bucket(bucket).key(key).contentType("message/rfc822"), RequestBody.fromBytes(bytes));
        }
    }

    /** Deletes {@code bucket}/{@code key}. */
    void delete(String bucket, String key) {
        try (S3Client s3 = client()) {
            s3.deleteObject(d -> d.bucket(bucket).key(key));
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping S3Proxy", e);
        } catch (Exception e) {
            // S3Proxy.stop() declares Exception; a server that cannot stop is a test failure, not a checked case.
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            blobs.close();
        }
    }
}
