package org.tickettriage.s3;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client the function builds wherever it reads from S3: region and credentials from the function's environment
 * (the SDK's default chains), an endpoint from {@code AWS_ENDPOINT_URL_S3} for an S3-compatible server (read by the SDK
 * itself), and the JDK's HTTP client.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A client as described above; {@code pathStyle} ({@code TRIAGE_S3_PATH_STYLE}) addresses buckets by path rather
     * than by host name.
     */
    public static S3Client create(boolean pathStyle) {
        return S3Client.builder()
                .httpClient(httpClient())
                .forcePathStyle(pathStyle)
                .build();
    }

    /** The JDK's HttpURLConnection: no extra threads or native code, and a fraction of Netty's or Apache's classes. */
    public static UrlConnectionHttpClient httpClient() {
        return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                // A stalled download fails within the function's timeout, so that Lambda retries the event.
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }
}
