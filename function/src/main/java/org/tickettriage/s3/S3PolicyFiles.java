package org.tickettriage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyProblem;
import org.tickettriage.rules.routing.RoutingPolicyException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A routing policy stored in S3: {@code s3://bucket/key.csv} is a routing table alone (the bundled default supplies
 * the rest), {@code s3://bucket/prefix/} (with the trailing slash) a policy folder whose objects are named as the
 * files of {@link PolicyFiles#NAMES}; an absent object is replaced by the bundled default's file. Every object is
 * read whole, up to {@link PolicyFiles#MAX_FILE_BYTES}.
 *
 * <p>A folder is listed when it is opened, which needs {@code s3:ListBucket}; a listing that finds none of the policy's
 * files is refused, since it is more likely a misspelt prefix than a wish for the bundled policy.
 */
public final class S3PolicyFiles implements PolicyFiles {

    /** The scheme that makes a {@code TRIAGE_ROUTING} value an S3 location. */
    public static final String SCHEME = "s3://";
    // A policy folder holds five files: a listing this long is not one.
    private static final int MAX_LISTED_KEYS = 1_000;

    private final S3Client s3;
    private final String location;
    private final String bucket;
    private final String key;
    private final Set<String> listed;

    private S3PolicyFiles(S3Client s3, String location, String bucket, String key, Set<String> listed) {
        this.s3 = s3;
        this.location = location;
        this.bucket = bucket;
        this.key = key;
        this.listed = listed;
    }

    /**
     * The policy at {@code url}, read through {@code s3}; a folder is listed now.
     *
     * @throws RoutingPolicyException when {@code url} is not an S3 location of a bucket and a key or prefix, or a
     *                                folder cannot be listed or holds no policy file
     */
    public static S3PolicyFiles at(S3Client s3, String url) {
        if (!url.startsWith(SCHEME)) {
            throw refused(url, "not an S3 location");
        }
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw refused(url, "names no object");
        }
        String bucket = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        if (!key.isEmpty() && !key.endsWith("/")) {
            return new S3PolicyFiles(s3, url, bucket, key, null);
        }
        Set<String> listed = list(s3, url, bucket, key);
        if (NAMES.stream().noneMatch(name -> listed.contains(key + name))) {
            throw error(url, "no policy file under " + url + " (looked for " + String.join(", ", NAMES)
                    + "); check the bucket and prefix");
        }
        return new S3PolicyFiles(s3, url, bucket, key, listed);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        if (listed == null) {
            return name.equals(ROUTING) ? Optional.of(get(key)) : Optional.empty();
        }
        String objectKey = key + name;
        return listed.contains(objectKey) ? Optional.of(get(objectKey)) : Optional.empty();
    }

    @Override
    public String displayName(String name) {
        return listed == null && name.equals(ROUTING) ? key.substring(key.lastIndexOf('/') + 1) : name;
    }

    @Override
    public List<String> strangers() {
        if (listed == null) {
            return List.of();
        }
        List<String> strangers = new ArrayList<>();
        for (String objectKey : listed) {
            String name = objectKey.substring(key.length());
            if (name.toLowerCase(Locale.ROOT).endsWith(".csv") && !NAMES.contains(name)) {
                strangers.add(name);
            }
        }
        strangers.sort(null);
        return strangers;
    }

    /** The object's bytes, refusing one larger than {@link PolicyFiles#MAX_FILE_BYTES}. */
    private byte[] get(String objectKey) throws IOException {
        String where = SCHEME + bucket + "/" + objectKey;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(objectKey))) {
            Long length = in.response().contentLength();
            if (length != null && length > MAX_FILE_BYTES) {
                in.abort(); // rather than download what is refused
                throw new IOException(where + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return bounded(in, where);
        } catch (NoSuchKeyException e) {
            throw new IOException(where + " does not exist");
        } catch (SdkException e) {
            throw new IOException(where + ": " + describe(e));
        }
    }

    private static byte[] bounded(InputStream in, String where) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(where + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return bytes;
    }

    /** The keys directly under {@code prefix}. */
    private static Set<String> list(S3Client s3, String url, String bucket, String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    keys.add(object.key());
                }
                if (keys.size() > MAX_LISTED_KEYS) {
                    throw error(url, url + " holds more than " + MAX_LISTED_KEYS + " objects; a policy folder holds "
                            + String.join(", ", NAMES));
                }
            }
        } catch (SdkException e) {
            throw error(url, url + " cannot be listed: " + describe(e));
        }
        return keys;
    }

    /**
     * What went wrong, for an operator: S3's error code and status, with the permission to check when access was
     * denied. The SDK's messages name the request, never a ticket.
     */
    private static String describe(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            String code = s3.awsErrorDetails().errorCode();
            String text = code + " (HTTP " + s3.statusCode() + ")";
            if (s3.statusCode() == 403) {
                text += "; the function's role needs s3:GetObject and s3:ListBucket on the bucket"
                        + " (template.yaml parameter RoutingPolicyBucket)";
            }
            return text;
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static RoutingPolicyException refused(String url, String why) {
        return error(url, url + " " + why + ": write s3://bucket/key.csv for a routing table alone, or"
                + " s3://bucket/prefix/ (with the trailing slash) for a policy folder");
    }

    private static RoutingPolicyException error(String url, String message) {
        return new RoutingPolicyException(url, List.of(PolicyProblem.error(null, 0, message)));
    }
}
