package org.tickettriage.connectors;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.tickettriage.triage.Secret;

/** One connector's secrets, read from a {@link SecretsSource} at start and again on {@link #refresh()}. Thread-safe. */
public final class ConnectorSecrets {

    private final SecretsSource source;
    private final String connector;
    private final AtomicReference<Map<String, Secret>> current;

    /**
     * Reads the connector's secrets now.
     *
     * @throws IllegalArgumentException when one of {@code required} is missing, naming the missing ones
     */
    public ConnectorSecrets(SecretsSource source, String connector, List<String> required) {
        this(source, connector, source.read(connector), required);
    }

    /**
     * Starts from secrets the caller has just read from {@code source} (so that a start-up which checked them reads
     * the store once, not twice); {@link #refresh()} reads {@code source} again.
     *
     * @throws IllegalArgumentException when one of {@code required} is missing, naming the missing ones
     */
    public ConnectorSecrets(SecretsSource source, String connector, Map<String, Secret> justRead, List<String> required) {
        this.source = Objects.requireNonNull(source, "source");
        this.connector = Objects.requireNonNull(connector, "connector");
        Map<String, Secret> read = Map.copyOf(justRead);
        List<String> missing = required.stream().filter(name -> !read.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + connector + " connector needs " + String.join(" and ", missing));
        }
        this.current = new AtomicReference<>(read);
    }

    /** The secret held under {@code name}. */
    public Optional<Secret> get(String name) {
        return Optional.ofNullable(current.get().get(name));
    }

    /** The secret held under {@code name}, which the constructor required. */
    public Secret require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(connector + " secret missing: " + name));
    }

    /**
     * Reads the secrets again; a name the new read lacks keeps its current value.
     *
     * @throws SecretsSource.SecretsUnavailableException when the store cannot be read (the current secrets stay)
     */
    public void refresh() {
        Map<String, Secret> merged = new java.util.HashMap<>(current.get());
        merged.putAll(source.read(connector));
        current.set(Map.copyOf(merged));
    }
}
