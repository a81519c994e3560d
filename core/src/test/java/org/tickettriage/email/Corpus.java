package org.tickettriage.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed test corpus of raw messages, {@code core/src/test/resources/email/*.eml}. */
public final class Corpus {

    /** The corpus folder, relative to any module's folder (where tests run): the function's and tools' tests read it too. */
    public static final Path DIR = Path.of("..", "core", "src", "test", "resources", "email");

    private Corpus() {
    }

    /** The raw bytes of corpus file {@code name}. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream over corpus file {@code name}. */
    public static InputStream open(String name) throws IOException {
        return Files.newInputStream(DIR.resolve(name));
    }

    /** Every corpus file's name, sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
