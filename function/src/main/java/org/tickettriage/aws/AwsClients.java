package org.tickettriage.aws;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Secrets Manager, DynamoDB and SQS clients the connector functions build: region and credentials from the
 * function's environment (the SDK's default chains), an endpoint from {@code AWS_ENDPOINT_URL_<SERVICE>} when set
 * (read by the SDK itself), and the JDK's HTTP client, as {@link org.tickettriage.s3.S3Clients} does for S3.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(httpClient()).build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(httpClient()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().httpClient(httpClient()).build();
    }

    /** HttpURLConnection: no extra threads or native code; short timeouts, since a webhook must be answered in 10 s. */
    private static UrlConnectionHttpClient httpClient() {
        return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(3))
                .build();
    }
}
