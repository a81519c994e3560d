package org.tickettriage.aws;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookReceiver;
import org.tickettriage.connectors.WriteBackWriter;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.setup.HelpdeskConnectors;
import org.tickettriage.connectors.setup.InProcessWebhooks;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.triage.InvalidSettingsException;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The two connector functions assembled from their settings, as {@link InProcessWebhooks} does for
 * {@code ./triage serve}: the receiver over the delivery table and the write-back queue, and the writer over the queue
 * and the dead-letter queue; secrets from Secrets Manager, read here once at init.
 */
public final class AwsWebhooks {

    private AwsWebhooks() {
    }

    /** The writer of the write-back function, and the queue it sends retries to. */
    public record Writer(WriteBackWriter writer, SqsWriteBackQueue queue) {
    }

    /**
     * The webhook receiver.
     *
     * @param environment the variables ({@link TriageSettings#processEnvironment()} in Lambda)
     * @throws InvalidSettingsException when a connector lacks what it needs, or the table or the queue is not named
     */
    public static WebhookReceiver receiver(Map<String, String> environment, TriageService triage,
                                           SecretsManagerClient secretsManager, DynamoDbClient dynamoDb, SqsClient sqs,
                                           Clock clock) {
        checkedForReceiver(environment);
        SecretsSource secrets = secrets(environment, secretsManager);
        TriageSettings settings = settings(environment, secrets);
        TriageSettings.WebhooksOnAws aws = settings.webhooksOnAws();
        List<Connector> connectors = HelpdeskConnectors.create(settings, secrets, vendorHttp(clock), triage.policy());
        return new WebhookReceiver(connectors, triage, new DynamoDbDeliveryStore(dynamoDb, aws.deliveryTable().get(), clock),
                aws.deliveryRetention(), new SqsWriteBackQueue(sqs, aws.writeBackQueueUrl().get().toString(), clock), clock);
    }

    /**
     * The write-back writer. It applies plans the receiver made, whose policy outputs the receiver checked: it reads no
     * policy of its own (the bundled one stands in for the connectors' start-up check).
     *
     * @throws InvalidSettingsException when a connector lacks what it needs, or a queue is not named
     */
    public static Writer writer(Map<String, String> environment, SecretsManagerClient secretsManager, SqsClient sqs,
                                RetryPolicy retries, Clock clock) {
        checkedForWriter(environment);
        SecretsSource secrets = secrets(environment, secretsManager);
        TriageSettings settings = settings(environment, secrets);
        TriageSettings.WebhooksOnAws aws = settings.webhooksOnAws();
        List<Connector> connectors = HelpdeskConnectors.create(settings, secrets, vendorHttp(clock), RoutingPolicy.bundled());
        WriteBackWriter writer = new WriteBackWriter(connectors, retries,
                new SqsDeadLetterSink(sqs, aws.deadLetterQueueUrl().get().toString()), clock);
        return new Writer(writer, new SqsWriteBackQueue(sqs, aws.writeBackQueueUrl().get().toString(), clock));
    }

    /**
     * {@code environment}, once it names what the receiver needs: checked before the AWS clients are built, so that a
     * missing variable is reported as such rather than as the SDK's failure to find a region or credentials.
     *
     * @throws InvalidSettingsException when a value is invalid, or the table or the queue is not named
     */
    public static Map<String, String> checkedForReceiver(Map<String, String> environment) {
        TriageSettings.WebhooksOnAws aws = TriageSettings.fromEnvironment(environment).requireValid().webhooksOnAws();
        require(List.of(present(TriageSettings.DELIVERY_TABLE, aws.deliveryTable()),
                present(TriageSettings.WRITE_BACK_QUEUE_URL, aws.writeBackQueueUrl())), "the webhook receiver");
        return environment;
    }

    /** As {@link #checkedForReceiver}, for the writer: both queues named. */
    public static Map<String, String> checkedForWriter(Map<String, String> environment) {
        TriageSettings.WebhooksOnAws aws = TriageSettings.fromEnvironment(environment).requireValid().webhooksOnAws();
        require(List.of(present(TriageSettings.WRITE_BACK_QUEUE_URL, aws.writeBackQueueUrl()),
                present(TriageSettings.DEAD_LETTER_QUEUE_URL, aws.deadLetterQueueUrl())), "the write-back writer");
        return environment;
    }

    private static SecretsSource secrets(Map<String, String> environment, SecretsManagerClient client) {
        Map<String, String> ids = new HashMap<>();
        TriageSettings.WebhooksOnAws aws = TriageSettings.fromEnvironment(environment).webhooksOnAws();
        aws.zendeskSecretArn().ifPresent(arn -> ids.put(ZendeskConnector.NAME, arn));
        aws.gitHubSecretArn().ifPresent(arn -> ids.put(GitHubConnector.NAME, arn));
        return new SecretsManagerSecrets(client, ids);
    }

    /**
     * The settings, with the Zendesk agent's email from the Zendesk secret where the environment does not set it (the
     * secret holds it beside the token it belongs to).
     */
    private static TriageSettings settings(Map<String, String> environment, SecretsSource secrets) {
        Map<String, String> merged = new HashMap<>(environment);
        String email = merged.get(TriageSettings.ZENDESK_EMAIL);
        if (email == null || email.isBlank()) {
            Secret fromSecret = secrets.read(ZendeskConnector.NAME).get(TriageSettings.ZENDESK_EMAIL);
            if (fromSecret != null) {
                merged.put(TriageSettings.ZENDESK_EMAIL, fromSecret.reveal());
            }
        }
        return TriageSettings.fromEnvironment(merged).requireValid();
    }

    private static Optional<TriageSettings.Problem> present(String variable, Optional<?> value) {
        return value.isPresent() ? Optional.empty()
                : Optional.of(new TriageSettings.Problem(variable, variable + " is not set", true));
    }

    private static void require(List<Optional<TriageSettings.Problem>> checks, String who) {
        List<TriageSettings.Problem> problems = new ArrayList<>();
        checks.forEach(check -> check.ifPresent(problem -> problems.add(new TriageSettings.Problem(problem.variable(),
                problem.message() + "; " + who + " needs it", true))));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private static VendorHttp vendorHttp(Clock clock) {
        return new VendorHttp(InProcessWebhooks.CONNECT_TIMEOUT, InProcessWebhooks.REQUEST_TIMEOUT, clock);
    }
}
