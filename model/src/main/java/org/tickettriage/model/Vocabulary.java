package org.tickettriage.model;

import java.util.AbstractList;
import java.util.List;

/**
 * The feature names of a model in index order, and the index of a name: an open-addressing table built once at
 * load (a few milliseconds for tens of thousands of names) and read-only after, so lookups need no lock.
 */
public final class Vocabulary {

    private static final int NAMES_PER_CALL = 16;

    private final String[] names;
    /** For each feature, 1 when it is a character n-gram, else 0: the blocks of {@link FeatureWeighting}. */
    private final byte[] charNgram;
    /** Slot to feature index + 1; 0 marks an empty slot. Length a power of two, at most half full. */
    private final int[] slots;
    private final int mask;

    private Vocabulary(String[] names, int[] hashes) {
        this.names = names;
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.charNgram = new byte[names.length];
        for (int from = 0; from < names.length; from += NAMES_PER_CALL) {
            insert(hashes, from, Math.min(names.length, from + NAMES_PER_CALL));
        }
    }

    /**
     * Adds features {@code from} to {@code to}. Called once per {@value #NAMES_PER_CALL} names rather than once for all,
     * so that in a fresh JVM the JIT compiles it after a few hundred names instead of interpreting all of them.
     */
    private void insert(int[] hashes, int from, int to) {
        for (int i = from; i < to; i++) {
            insert(i, hashes == null ? hash(names[i], i) : hashes[i]);
        }
    }

    private static int hash(String name, int index) {
        if (name == null) {
            throw new IllegalArgumentException("feature " + index + " has no name");
        }
        return name.hashCode();
    }

    /** Adds feature {@code i}. */
    private void insert(int i, int hash) {
        String name = names[i];
        if (name == null) {
            throw new IllegalArgumentException("feature " + i + " has no name");
        }
        charNgram[i] = (byte) (Tokenizer.isCharNgram(name) ? 1 : 0);
        int slot = mix(hash) & mask;
        while (slots[slot] != 0) {
            if (names[slots[slot] - 1].equals(name)) {
                throw new IllegalArgumentException("feature " + i + " repeats feature " + (slots[slot] - 1)
                        + " (" + name.length() + " characters)");
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = i + 1;
    }

    /**
     * The vocabulary of these names, in index order.
     *
     * @throws IllegalArgumentException when a name is null or repeated
     */
    public static Vocabulary of(List<String> names) {
        return new Vocabulary(names.toArray(new String[0]), null);
    }

    /**
     * As {@link #of(List)}, taking ownership of the array.
     *
     * @param hashes each name's {@code hashCode()}, computed by the caller
     */
    static Vocabulary ofOwned(String[] names, int[] hashes) {
        return new Vocabulary(names, hashes);
    }

    /** The index of {@code name}, or -1 when the model does not know it. */
    public int indexOf(String name) {
        int slot = mix(name.hashCode()) & mask;
        int entry;
        while ((entry = slots[slot]) != 0) {
            if (names[entry - 1].equals(name)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The name of feature {@code index}. */
    public String name(int index) {
        return names[index];
    }

    /** Whether feature {@code index} is a character n-gram ({@link Tokenizer#CHAR_PREFIX}). */
    public boolean isCharNgram(int index) {
        return charNgram[index] != 0;
    }

    /** 1 for each character n-gram, 0 for every other feature; shared, not to be modified. */
    byte[] charNgramBlocks() {
        return charNgram;
    }

    /** How many features there are. */
    public int size() {
        return names.length;
    }

    /** The names in index order, as an unmodifiable view. */
    public List<String> names() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return names[index];
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    /** Spreads String's hash, whose low bits are weak for short, similar strings. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
