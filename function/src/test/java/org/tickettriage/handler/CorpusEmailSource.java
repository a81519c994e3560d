package org.tickettriage.handler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.tickettriage.email.Corpus;

/** A small fake of S3 for adapter tests: object {@code any-bucket/inbound/NAME} is corpus file NAME. */
final class CorpusEmailSource implements EmailSource {

    @Override
    public InputStream open(String bucket, String key, String versionId) throws IOException {
        String name = key.substring(key.lastIndexOf('/') + 1);
        try {
            return Files.newInputStream(Corpus.DIR.resolve(name));
        } catch (NoSuchFileException e) {
            throw new EmailObjectMissingException("s3://" + bucket + "/" + key + " does not exist.");
        }
    }
}
