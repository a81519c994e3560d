package org.tickettriage.handler;

import java.io.IOException;
import java.io.InputStream;

/** Where {@link EmailIngestHandler} reads raw messages from: S3 in Lambda, anything in tests. */
public interface EmailSource {

    /**
     * Opens the stored raw message; the caller closes the stream.
     *
     * @param versionId the object version the event names, or null for the current one
     * @throws EmailObjectMissingException when the object does not exist (deleted before it was read)
     * @throws IOException                 when it cannot be read now (worth retrying)
     */
    InputStream open(String bucket, String key, String versionId) throws IOException;
}
