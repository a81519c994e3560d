package org.tickettriage.rules.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a routing policy's files are read from: a folder, a lone routing CSV, the jar (the bundled default), or,
 * in the function, an S3 prefix. A file that is absent is replaced by the bundled default's.
 */
public interface PolicyFiles {

    /** The routing table. */
    String ROUTING = "routing.csv";
    /** The priority scale. */
    String PRIORITIES = "priorities.csv";
    /** The low-confidence keyword fallbacks. */
    String KEYWORDS = "keywords.csv";
    /** The escalation cues. */
    String ESCALATION = "escalation.csv";
    /** The review queue. */
    String REVIEW = "review.csv";
    /** Every file a policy folder may hold, in the order they are read. */
    List<String> NAMES = List.of(PRIORITIES, ROUTING, KEYWORDS, ESCALATION, REVIEW);

    /** The largest policy file read, in bytes: a routing table of tens of thousands of rows. */
    int MAX_FILE_BYTES = 4 * 1024 * 1024;

    /** Where the files are, for messages. */
    String location();

    /** The bytes of the policy file {@code name} (one of {@link #NAMES}), or empty when it is absent. */
    Optional<byte[]> read(String name) throws IOException;

    /**
     * The name under which messages refer to file {@code name}: the file name itself, except for a lone routing
     * CSV, whose own name is given.
     */
    default String displayName(String name) {
        return name;
    }

    /** Files beside the policy's that are not part of it (a misspelt name), for a warning; empty when unknown. */
    default List<String> strangers() {
        return List.of();
    }

    /** The policy that ships in the jar. */
    static PolicyFiles bundled() {
        return new PolicyFiles() {
            @Override
            public String location() {
                return "bundled";
            }

            @Override
            public Optional<byte[]> read(String name) throws IOException {
                try (InputStream in = PolicyFiles.class.getResourceAsStream("/org/tickettriage/rules/default-policy/" + name)) {
                    return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                }
            }
        };
    }

    /**
     * The policy at {@code path}: a folder holding some of {@link #NAMES}, or a single CSV file that is the routing
     * table (the bundled default supplies the rest).
     *
     * @throws RoutingPolicyException when the path does not exist, or is a folder holding no policy file
     */
    static PolicyFiles at(Path path) {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        if (Files.isRegularFile(path)) {
            return loneTable(path);
        }
        throw new RoutingPolicyException(path.toString(), List.of(PolicyProblem.error(null, 0,
                "no such file or folder: " + path + " (give a policy folder, or a routing CSV)")));
    }

    private static PolicyFiles folder(Path folder) {
        if (NAMES.stream().noneMatch(name -> Files.isRegularFile(folder.resolve(name)))) {
            // Most likely the wrong folder: reading it would silently serve the bundled policy.
            throw new RoutingPolicyException(folder.toString(), List.of(PolicyProblem.error(null, 0,
                    folder + " holds none of " + String.join(", ", NAMES) + ": not a routing policy folder")));
        }
        return new PolicyFiles() {
            @Override
            public String location() {
                return folder.toString();
            }

            @Override
            public Optional<byte[]> read(String name) throws IOException {
                Path file = folder.resolve(name);
                return Files.isRegularFile(file) ? Optional.of(bounded(file)) : Optional.empty();
            }

            @Override
            public List<String> strangers() {
                try (Stream<Path> files = Files.list(folder)) {
                    return files.map(p -> p.getFileName().toString())
                            .filter(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") && !NAMES.contains(name))
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        };
    }

    private static PolicyFiles loneTable(Path csv) {
        return new PolicyFiles() {
            @Override
            public String location() {
                return csv.toString();
            }

            @Override
            public Optional<byte[]> read(String name) throws IOException {
                return name.equals(ROUTING) ? Optional.of(bounded(csv)) : Optional.empty();
            }

            @Override
            public String displayName(String name) {
                return name.equals(ROUTING) ? csv.getFileName().toString() : name;
            }
        };
    }

    /** The file's bytes, refusing one larger than {@link #MAX_FILE_BYTES}. */
    private static byte[] bounded(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file.getFileName() + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }
}
