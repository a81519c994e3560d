package org.tickettriage.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.connectors.DeliveryStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The deliveries already accepted, one DynamoDB item each: {@code deliveryKey} (the partition key) and
 * {@code expiresAt} (epoch seconds, the table's TTL attribute). A conditional {@code PutItem} claims a key atomically;
 * an item past its {@code expiresAt} counts as absent, since DynamoDB deletes expired items only eventually.
 */
public final class DynamoDbDeliveryStore implements DeliveryStore {

    /** The partition key. */
    public static final String KEY = "deliveryKey";
    /** The time-to-live attribute, in epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Put only when no item holds the key, or the one that does has expired. */
    public static final String CONDITION = "attribute_not_exists(" + KEY + ") OR " + EXPIRES_AT + " < :now";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbDeliveryStore.class);

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoDbDeliveryStore(DynamoDbClient client, String table, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws DeliveryStoreUnavailableException when the table cannot be reached */
    @Override
    public boolean remember(String key, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        try {
            client.putItem(request -> request.tableName(table)
                    .item(Map.of(KEY, AttributeValue.fromS(key),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(now + ttl.toSeconds()))))
                    .conditionExpression(CONDITION)
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new DeliveryStoreUnavailableException("the delivery table " + table + " could not be written ("
                    + e.getClass().getName() + ")");
        }
    }

    /** Best effort: a claim that cannot be released makes the helpdesk's retry look like a duplicate, so it is logged. */
    @Override
    public void forget(String key) {
        try {
            client.deleteItem(request -> request.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key))));
        } catch (SdkException e) {
            LOG.error("delivery {} could not be released ({}); a retry of it will be answered as a duplicate", key,
                    e.getClass().getName());
        }
    }
}
