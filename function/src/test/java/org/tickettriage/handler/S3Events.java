package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** S3 events for tests: the committed {@code events/} files, with their objects renamed. */
final class S3Events {

    private S3Events() {
    }

    /**
     * The event in {@code events/<file>} with one record per {@code bucket/key} pair, each a copy of the
     * file's first record; keys are URL-encoded as S3 sends them (a space becomes {@code +}).
     */
    static S3Event load(String file, String... bucketAndKey) {
        S3Event template = EventLoader.loadS3Event("events/" + file);
        S3EventNotificationRecord first = template.getRecords().get(0);
        List<S3EventNotificationRecord> records = new ArrayList<>();
        for (String location : bucketAndKey) {
            int slash = location.indexOf('/');
            String bucket = location.substring(0, slash);
            String key = location.substring(slash + 1);
            S3ObjectEntity object = first.getS3().getObject();
            S3Entity s3 = new S3Entity(first.getS3().getConfigurationId(),
                    new S3BucketEntity(bucket, first.getS3().getBucket().getOwnerIdentity(), "arn:aws:s3:::" + bucket),
                    new S3ObjectEntity(encode(key), object.getSizeAsLong(), object.geteTag(), null, object.getSequencer()),
                    first.getS3().getS3SchemaVersion());
            records.add(new S3EventNotificationRecord(first.getAwsRegion(), first.getEventName(), first.getEventSource(),
                    first.getEventTime().toString(), first.getEventVersion(), first.getRequestParameters(),
                    first.getResponseElements(), s3, first.getUserIdentity()));
        }
        return new S3Event(records);
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
