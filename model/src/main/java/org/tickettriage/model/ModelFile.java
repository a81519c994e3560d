package org.tickettriage.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The model file ({@value ModelDirectory#MODEL_FILE}): a {@link TicketModel} as bytes, documented byte by byte in
 * docs/MODEL-FORMAT.md. A preamble (magic number, format version), tagged sections (model information, feature
 * settings, vocabulary, IDF weights, one section per head) and a CRC-32C of everything before it. No Java
 * serialization: reading only copies numbers and strings.
 *
 * <p>Reading is bounded: the whole file is read once, no larger than {@link #MAX_FILE_BYTES} nor a third of the
 * heap; the checksum is verified before any section is parsed; every count is checked against the bytes left and a
 * hard limit before anything is allocated for it; every value is validated. A truncated, corrupted or hostile file
 * gives a {@link ModelLoadException} saying what is wrong, never an out-of-memory error or a hang.
 */
public final class ModelFile {

    /** The first eight bytes: {@code \x89} (not text), "TRIAGE", {@code \n} (a CR-LF conversion breaks it). */
    static final byte[] MAGIC = {(byte) 0x89, 'T', 'R', 'I', 'A', 'G', 'E', '\n'};
    /** The version this release writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Magic, version, flags. */
    static final int PREAMBLE_BYTES = 12;
    /**
     * The CRC-32C at the end. Not SHA-256: in a fresh JVM with C1 only (as in Lambda) hashing the 2.3 MB bundled model
     * with SHA-256 costs about 27 ms, CRC-32C about 1 ms (docs/results/model-format/load-time-c1.txt), and a checksum
     * inside the file guards against corruption only; a cryptographic hash would not stop anyone who rewrites the file.
     */
    static final int CHECKSUM_BYTES = 4;

    /** Largest file read: a model of 1,000,000 features and 60 labels in two heads fits. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Most features in the vocabulary. */
    public static final int MAX_FEATURES = 20_000_000;
    /** Most labels of one head. */
    public static final int MAX_LABELS = 10_000;
    /** Most heads in a file. */
    public static final int MAX_HEADS = 64;
    /** Most provenance entries. */
    public static final int MAX_PROPERTIES = 256;
    /** Longest string (a feature name, label or provenance value), in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 1 << 16;
    /** Longest character n-gram a file may ask for. */
    public static final int MAX_CHAR_NGRAM = 32;

    static final int INFO = tag("INFO");
    static final int FEAT = tag("FEAT");
    static final int VOCB = tag("VOCB");
    static final int IDFW = tag("IDFW");
    static final int HEAD = tag("HEAD");

    /** How many names {@code Parser.names} decodes per call; see there. */
    static final int NAMES_PER_CALL = 16;

    static final int FLAG_BIGRAMS = 1;
    static final int FLAG_SUBJECT = 1 << 1;
    static final int FLAG_BINARY = 1 << 2;
    static final int FLAG_SUBLINEAR = 1 << 3;
    static final int FLAG_IDF = 1 << 4;
    static final int FLAG_NORMALIZE = 1 << 5;
    static final int KNOWN_FLAGS = (1 << 6) - 1;

    private ModelFile() {
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * Reads the model file {@code file}.
     *
     * @throws ModelLoadException when it is missing, unreadable, too large, corrupt or invalid
     */
    public static TicketModel read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("No model file at " + file + ".");
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model file " + file + ": " + e.getMessage(), e);
        }
        checkSize(size, file.toString());
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model file from {@code in} (left open), named {@code name} in messages.
     *
     * @throws ModelLoadException when it is unreadable, too large, corrupt or invalid
     */
    public static TicketModel read(InputStream in, String name) {
        byte[] bytes;
        try {
            long limit = sizeLimit();
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                checkSize(bytes.length, name);
            }
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model file " + name + ": " + e.getMessage(), e);
        }
        return read(bytes, name);
    }

    /**
     * Reads a model file held in {@code bytes}, named {@code name} in messages.
     *
     * @throws ModelLoadException when it is corrupt or invalid
     */
    public static TicketModel read(byte[] bytes, String name) {
        checkSize(bytes.length, name);
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xAC && (bytes[1] & 0xFF) == 0xED) {
            throw new ModelLoadException(name + " holds Java-serialized objects, not a model file: a model of the "
                    + "old format? Convert its directory with `" + ModelDirectory.CONVERT_COMMAND + "`.");
        }
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelLoadException(name + " is not a ticket-triage model file (wrong magic number).");
        }
        if (bytes.length < PREAMBLE_BYTES + CHECKSUM_BYTES) {
            throw new ModelLoadException(name + " is truncated: " + bytes.length + " bytes, less than any model file.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(buffer.getShort(MAGIC.length));
        if (version > FORMAT_VERSION) {
            throw new ModelLoadException(name + " is of model format " + version + "; this release reads format "
                    + FORMAT_VERSION + " and older: upgrade ticket-triage to load it.");
        }
        if (version < 1) {
            throw new ModelLoadException(name + " declares model format " + version + ", which does not exist.");
        }
        int end = bytes.length - CHECKSUM_BYTES;
        if (buffer.getInt(end) != crc32c(bytes, 0, end)) {
            throw new ModelLoadException(name + " fails its CRC-32C checksum: the file is truncated or corrupt.");
        }
        int flags = Short.toUnsignedInt(buffer.getShort(MAGIC.length + 2));
        if (flags != 0) {
            throw new ModelLoadException(name + " sets preamble flags " + flags + " that format 1 does not define.");
        }
        try {
            return new Parser(buffer.position(PREAMBLE_BYTES).limit(end).slice().order(ByteOrder.LITTLE_ENDIAN), name).model();
        } catch (BufferUnderflowException e) {
            throw new ModelLoadException(name + " ends inside a section.", e);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(name + " is not a valid model: " + e.getMessage() + ".", e);
        }
    }

    /** The most bytes a file may have here: the hard limit, and a third of the heap (it is held twice while read). */
    private static long sizeLimit() {
        return Math.min(MAX_FILE_BYTES, Runtime.getRuntime().maxMemory() / 3);
    }

    private static void checkSize(long size, String name) {
        if (size > sizeLimit()) {
            throw new ModelLoadException(name + " has " + size + " bytes, more than the " + sizeLimit()
                    + " a model file may have here (at most " + MAX_FILE_BYTES + ", and a third of the heap).");
        }
    }

    /** Reads the sections after the preamble; each of its methods consumes exactly one section's bytes. */
    private static final class Parser {
        private final ByteBuffer file;
        private final String name;
        /** Strict UTF-8, made at the first string that is not ASCII. */
        private CharsetDecoder utf8;

        private String modelVersion;
        private String createdAt;
        private double reviewThreshold;
        private Map<String, String> provenance;
        private FeatureSettings features;
        private Vocabulary vocabulary;
        private double[] idf;
        private final List<ModelHead> heads = new ArrayList<>();

        Parser(ByteBuffer file, String name) {
            this.file = file;
            this.name = name;
        }

        TicketModel model() {
            int expected = INFO;
            while (file.hasRemaining()) {
                if (file.remaining() < 8) {
                    throw fail("ends inside a section header");
                }
                int tag = file.getInt();
                long length = Integer.toUnsignedLong(file.getInt());
                if (length > file.remaining()) {
                    throw fail("section " + tagName(tag) + " claims " + length + " bytes; " + file.remaining() + " are left");
                }
                ByteBuffer section = file.slice(file.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
                file.position(file.position() + (int) length);
                if (!isCritical(tag)) {
                    continue; // an ancillary section of a later release: safe to skip by definition
                }
                if (tag == INFO && expected == INFO) {
                    info(section);
                    expected = FEAT;
                } else if (tag == FEAT && expected == FEAT) {
                    features(section);
                    expected = VOCB;
                } else if (tag == VOCB && expected == VOCB) {
                    vocabulary(section);
                    expected = features.idf() ? IDFW : HEAD;
                } else if (tag == IDFW && expected == IDFW) {
                    idf(section);
                    expected = HEAD;
                } else if (tag == HEAD && expected == HEAD) {
                    if (heads.size() == MAX_HEADS) {
                        throw fail("has more than " + MAX_HEADS + " heads");
                    }
                    heads.add(head(section));
                } else if (tag == INFO || tag == FEAT || tag == VOCB || tag == IDFW || tag == HEAD) {
                    throw fail("has section " + tagName(tag) + " where " + tagName(expected) + " belongs");
                } else {
                    throw fail("has a section " + tagName(tag) + " that this release does not know and may not skip: "
                            + "it needs a newer release");
                }
                if (section.hasRemaining()) {
                    throw fail("has " + section.remaining() + " unread bytes at the end of section " + tagName(tag));
                }
            }
            if (heads.isEmpty()) {
                throw fail("ends before " + tagName(expected));
            }
            return new TicketModel(modelVersion, createdAt, reviewThreshold, provenance, features, vocabulary, idf, heads);
        }

        private void info(ByteBuffer in) {
            modelVersion = string(in, "the model version");
            createdAt = string(in, "the creation time");
            reviewThreshold = in.getDouble();
            if (!(reviewThreshold >= 0 && reviewThreshold <= 1)) {
                throw fail("has review threshold " + reviewThreshold + ", not in [0, 1]");
            }
            int count = count(in, MAX_PROPERTIES, 8, "provenance entries");
            provenance = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = string(in, "a provenance key");
                if (provenance.put(key, string(in, "a provenance value")) != null) {
                    throw fail("repeats the provenance key " + key);
                }
            }
        }

        private void features(ByteBuffer in) {
            int tokenizerVersion = Short.toUnsignedInt(in.getShort());
            if (!Tokenizer.isKnownVersion(tokenizerVersion)) {
                throw new ModelLoadException(name + " was trained with tokenizer version " + tokenizerVersion
                        + "; this release knows versions 1 to " + Tokenizer.LATEST_VERSION
                        + (tokenizerVersion > Tokenizer.LATEST_VERSION ? ": upgrade ticket-triage to load it." : "."));
            }
            int flags = Short.toUnsignedInt(in.getShort());
            if ((flags & ~KNOWN_FLAGS) != 0) {
                throw fail("sets feature flags " + Integer.toBinaryString(flags) + " that format 1 does not define");
            }
            int min = Byte.toUnsignedInt(in.get());
            int max = Byte.toUnsignedInt(in.get());
            if (max > MAX_CHAR_NGRAM) {
                throw fail("asks for character n-grams of " + max + " characters, more than " + MAX_CHAR_NGRAM);
            }
            features = new FeatureSettings((flags & FLAG_BIGRAMS) != 0, (flags & FLAG_SUBJECT) != 0,
                    (flags & FLAG_BINARY) != 0, min, max, (flags & FLAG_SUBLINEAR) != 0, (flags & FLAG_IDF) != 0,
                    (flags & FLAG_NORMALIZE) != 0, tokenizerVersion);
        }

        /**
         * The names as one block: every length first, then every name's bytes. Read with bulk copies and tight loops,
         * not one buffer call per name: in a fresh JVM the per-name calls took most of the load.
         */
        private void vocabulary(ByteBuffer in) {
            int count = count(in, MAX_FEATURES, 4, "features");
            int[] lengths = new int[count];
            in.asIntBuffer().get(lengths);
            in.position(in.position() + count * Integer.BYTES);
            long total = 0;
            for (int i = 0; i < count; i++) {
                int length = lengths[i];
                if (length <= 0 || length > MAX_STRING_BYTES) {
                    throw fail("has a feature name of " + Integer.toUnsignedLong(length) + " bytes at index " + i
                            + " (names have 1 to " + MAX_STRING_BYTES + ")");
                }
                total += length;
            }
            if (total > in.remaining()) {
                throw fail("declares " + total + " bytes of feature names; " + in.remaining() + " are left");
            }
            byte[] array = in.array();
            int offset = in.arrayOffset() + in.position();
            String[] names = new String[count];
            int[] hashes = new int[count];
            for (int from = 0; from < count; from += NAMES_PER_CALL) {
                offset = names(array, offset, lengths, names, hashes, from, Math.min(count, from + NAMES_PER_CALL));
            }
            in.position(in.position() + (int) total);
            vocabulary = Vocabulary.ofOwned(names, hashes);
        }

        /**
         * Names {@code from} to {@code to} and their hashes, starting at {@code offset}; returns the offset after them.
         * An ASCII name (most are) is copied, any other decoded strictly. Called once per {@value #NAMES_PER_CALL}
         * names rather than once for all: in a fresh JVM the JIT compiles a method after a hundred or so calls, but
         * one long loop only after tens of thousands of iterations, which a vocabulary this size would spend
         * interpreted.
         */
        private int names(byte[] array, int offset, int[] lengths, String[] names, int[] hashes, int from, int to) {
            for (int i = from; i < to; i++) {
                int length = lengths[i];
                if (isAscii(array, offset, length)) {
                    names[i] = ascii(array, offset, length);
                    hashes[i] = asciiHash(array, offset, length);
                } else {
                    names[i] = utf8(array, offset, length, "a feature name");
                    hashes[i] = names[i].hashCode();
                }
                offset += length;
            }
            return offset;
        }

        private static boolean isAscii(byte[] array, int offset, int length) {
            for (int b = offset; b < offset + length; b++) {
                if (array[b] < 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * An ASCII string. The deprecated constructor is the one that only copies the bytes: the charset constructors
         * go through the decoder machinery, which in a fresh JVM made decoding the names most of a model's load.
         */
        @SuppressWarnings("deprecation")
        private static String ascii(byte[] array, int offset, int length) {
            return new String(array, 0, offset, length);
        }

        /** {@code String.hashCode} of an ASCII name, from its bytes. */
        private static int asciiHash(byte[] array, int offset, int length) {
            int h = 0;
            for (int b = offset; b < offset + length; b++) {
                h = 31 * h + array[b];
            }
            return h;
        }

        private void idf(ByteBuffer in) {
            int count = count(in, MAX_FEATURES, 8, "IDF weights");
            if (count != vocabulary.size()) {
                throw fail("has " + count + " IDF weights for " + vocabulary.size() + " features");
            }
            idf = doubles(in, count); // each in (0, TicketModel.MAX_IDF], checked with the model
        }

        private ModelHead head(ByteBuffer in) {
            String head = string(in, "a head name");
            int kind = Byte.toUnsignedInt(in.get());
            if (kind > 1) {
                throw fail("head " + head + " is of kind " + kind + ", which format 1 does not define");
            }
            int labelCount = count(in, MAX_LABELS, 4, "labels of head " + head);
            List<String> labels = new ArrayList<>(labelCount);
            for (int i = 0; i < labelCount; i++) {
                labels.add(string(in, "a label"));
            }
            double temperature = in.getDouble();
            long features = Integer.toUnsignedLong(in.getInt());
            if (features != vocabulary.size()) {
                throw fail("head " + head + " has weights for " + features + " features, the vocabulary "
                        + vocabulary.size());
            }
            long weightCount = (features + 1) * labelCount;
            if (weightCount * Double.BYTES > in.remaining()) {
                throw fail("head " + head + " needs " + weightCount * Double.BYTES + " bytes of weights; "
                        + in.remaining() + " are left");
            }
            // Each within ±ModelHead.MAX_WEIGHT, and the temperature in range, checked by the head.
            double[] biases = doubles(in, labelCount);
            double[] weights = doubles(in, (int) (features * labelCount));
            return new ModelHead(head, kind == 1, labels, temperature, biases, weights);
        }

        /** A count, checked against {@code max} and against the bytes left at {@code minBytesEach} per item. */
        private int count(ByteBuffer in, int max, int minBytesEach, String what) {
            long count = Integer.toUnsignedLong(in.getInt());
            if (count > max) {
                throw fail("declares " + count + " " + what + ", more than the " + max + " a model file may have");
            }
            if (count * minBytesEach > in.remaining()) {
                throw fail("declares " + count + " " + what + " but has only " + in.remaining() + " bytes left for them");
            }
            return (int) count;
        }

        private String string(ByteBuffer in, String what) {
            long length = Integer.toUnsignedLong(in.getInt());
            if (length > MAX_STRING_BYTES) {
                throw fail("has " + what + " of " + length + " bytes, more than " + MAX_STRING_BYTES);
            }
            if (length > in.remaining()) {
                throw fail("has " + what + " of " + length + " bytes; " + in.remaining() + " are left");
            }
            int start = in.position();
            int end = start + (int) length;
            in.position(end);
            if (in.hasArray()) {
                byte[] array = in.array();
                int offset = in.arrayOffset();
                boolean ascii = true;
                for (int i = offset + start; i < offset + end; i++) {
                    if (array[i] < 0) {
                        ascii = false;
                        break;
                    }
                }
                if (ascii) {
                    return new String(array, offset + start, (int) length, StandardCharsets.ISO_8859_1);
                }
            }
            return utf8(in.array(), in.arrayOffset() + start, (int) length, what);
        }

        /** Strictly decoded UTF-8: a malformed sequence is an error, not a replacement character. */
        private String utf8(byte[] array, int offset, int length, String what) {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(array, offset, length));
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw fail("has " + what + " that is not valid UTF-8");
            }
        }

        private double[] doubles(ByteBuffer in, int count) {
            double[] values = new double[count];
            in.asDoubleBuffer().get(values);
            in.position(in.position() + count * Double.BYTES);
            return values;
        }

        private ModelLoadException fail(String problem) {
            return new ModelLoadException(name + " " + problem + ".");
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Writes {@code model} to {@code out} (left open). */
    public static void write(TicketModel model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /** The file's bytes for {@code model}: the same model always gives the same bytes. */
    public static byte[] toBytes(TicketModel model) {
        Writer w = new Writer();
        w.bytes(MAGIC);
        w.u16(FORMAT_VERSION);
        w.u16(0);

        Writer info = new Writer();
        info.string(model.modelVersion());
        info.string(model.createdAt());
        info.f64(model.reviewThreshold());
        info.u32(model.provenance().size());
        model.provenance().forEach((k, v) -> {
            info.string(k);
            info.string(v);
        });
        w.section(INFO, info);

        FeatureSettings f = model.features();
        Writer features = new Writer();
        features.u16(f.tokenizerVersion());
        features.u16((f.wordBigrams() ? FLAG_BIGRAMS : 0) | (f.subjectFeatures() ? FLAG_SUBJECT : 0)
                | (f.binary() ? FLAG_BINARY : 0) | (f.sublinear() ? FLAG_SUBLINEAR : 0) | (f.idf() ? FLAG_IDF : 0)
                | (f.normalize() ? FLAG_NORMALIZE : 0));
        features.u8(f.charNgramMin());
        features.u8(f.charNgramMax());
        w.section(FEAT, features);

        Writer vocabulary = new Writer();
        int featureCount = model.vocabulary().size();
        byte[][] names = new byte[featureCount][];
        vocabulary.u32(featureCount);
        for (int i = 0; i < featureCount; i++) {
            names[i] = Writer.utf8(model.vocabulary().name(i));
            vocabulary.u32(names[i].length);
        }
        for (byte[] name : names) {
            vocabulary.bytes(name);
        }
        w.section(VOCB, vocabulary);

        if (model.idf() != null) {
            Writer idf = new Writer();
            idf.u32(model.idf().length);
            idf.f64s(model.idf());
            w.section(IDFW, idf);
        }
        for (ModelHead h : model.heads()) {
            Writer head = new Writer();
            head.string(h.name());
            head.u8(h.ordinal() ? 1 : 0);
            head.u32(h.labels().size());
            h.labels().forEach(head::string);
            head.f64(h.temperature());
            head.u32(h.featureCount());
            head.f64s(h.biases());
            head.f64s(h.weights());
            w.section(HEAD, head);
        }
        w.u32(Integer.toUnsignedLong(crc32c(w.out.toByteArray(), 0, w.out.size())));
        return w.toByteArray();
    }

    /** The SHA-256 of a file's bytes, in hex: how people and release notes name a model file (not checked at load). */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Little-endian output. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void bytes(byte[] b) {
            out.writeBytes(b);
        }

        void u8(int v) {
            if (v < 0 || v > 0xFF) {
                throw new IllegalArgumentException(v + " does not fit a byte");
            }
            out.write(v);
        }

        void u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException(v + " does not fit two bytes");
            }
            out.write(v & 0xFF);
            out.write(v >>> 8);
        }

        void u32(long v) {
            out.write(scratch.clear().putInt((int) v).array(), 0, 4);
        }

        void f64(double v) {
            out.write(scratch.clear().putDouble(v).array(), 0, 8);
        }

        void f64s(double[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(values);
            out.writeBytes(b.array());
        }

        void string(String s) {
            byte[] utf8 = utf8(s);
            u32(utf8.length);
            out.writeBytes(utf8);
        }

        static byte[] utf8(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("a string of " + utf8.length + " bytes (more than " + MAX_STRING_BYTES
                        + ") cannot be stored in a model file");
            }
            return utf8;
        }

        void section(int tag, Writer payload) {
            u32(Integer.toUnsignedLong(tag));
            u32(payload.out.size());
            out.writeBytes(payload.out.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** A section tag as read from the file: its four ASCII characters as a little-endian int. */
    private static int tag(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    /** Critical sections start with an upper-case letter: a reader that does not know one must refuse the file. */
    private static boolean isCritical(int tag) {
        int first = tag & 0xFF;
        return !(first >= 'a' && first <= 'z');
    }

    private static String tagName(int tag) {
        StringBuilder b = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = (tag >>> (8 * i)) & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return b.toString();
    }
}
