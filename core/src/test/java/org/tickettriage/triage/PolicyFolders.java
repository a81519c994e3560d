package org.tickettriage.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes routing policies for tests: the files named, in a folder; the bundled default supplies the others. */
public final class PolicyFolders {

    /** The routing table's header. */
    public static final String ROUTING_HEADER = "category,priority,team,queue,first_response\n";

    private PolicyFolders() {
    }

    /** Writes {@code files} (name to content) into {@code folder} and returns the folder. */
    public static Path write(Path folder, Map<String, String> files) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** A folder whose routing table is {@code rows} under the header. */
    public static Path routing(Path folder, String rows) {
        return write(folder, Map.of("routing.csv", ROUTING_HEADER + rows));
    }
}
