package org.tickettriage.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A model file written byte by byte as docs/MODEL-FORMAT.md describes it, independently of {@link ModelFile}'s
 * writer: how the layout tests check the documentation, and how the hostile-file tests make files whose checksum is
 * right but whose content is not.
 */
final class HandWrittenFile {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static HandWrittenFile preamble(int version, int flags) {
        HandWrittenFile f = new HandWrittenFile();
        f.bytes(new byte[] {(byte) 0x89, 'T', 'R', 'I', 'A', 'G', 'E', '\n'});
        f.u16(version);
        f.u16(flags);
        return f;
    }

    HandWrittenFile bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    HandWrittenFile u8(int v) {
        out.write(v);
        return this;
    }

    HandWrittenFile u16(int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        return this;
    }

    HandWrittenFile u32(long v) {
        return bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    HandWrittenFile f64(double v) {
        return bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
    }

    HandWrittenFile str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return u32(utf8.length).bytes(utf8);
    }

    /** A section: its four-letter tag, its length, then {@code payload}. */
    HandWrittenFile section(String tag, HandWrittenFile payload) {
        byte[] body = payload.out.toByteArray();
        return bytes(tag.getBytes(StandardCharsets.US_ASCII)).u32(body.length).bytes(body);
    }

    /** The bytes so far followed by their CRC-32C. */
    byte[] withChecksum() {
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        return payload().bytes(body).u32(crc.getValue()).out.toByteArray();
    }

    static HandWrittenFile payload() {
        return new HandWrittenFile();
    }

    // The sections of a small valid model: words, presence values; features "refund", "crash"; a category head of
    // two labels (Billing, Bug) and an ordinal priority head (Low, High).

    static HandWrittenFile info() {
        return payload().str("hand-1").str("2026-11-30T00:00:00Z").f64(0.5).u32(1).str("writer").str("by hand");
    }

    static HandWrittenFile features(int tokenizerVersion, int flags, int min, int max) {
        return payload().u16(tokenizerVersion).u16(flags).u8(min).u8(max);
    }

    /** The vocabulary section: the count, every name's byte length, then every name's bytes. */
    static HandWrittenFile vocabulary(String... names) {
        HandWrittenFile v = payload().u32(names.length);
        for (String name : names) {
            v.u32(name.getBytes(StandardCharsets.UTF_8).length);
        }
        for (String name : names) {
            v.bytes(name.getBytes(StandardCharsets.UTF_8));
        }
        return v;
    }

    static HandWrittenFile head(String name, int kind, String[] labels, double temperature, int features,
                                double[] biases, double[] weights) {
        HandWrittenFile h = payload().str(name).u8(kind).u32(labels.length);
        for (String label : labels) {
            h.str(label);
        }
        h.f64(temperature).u32(features);
        for (double b : biases) {
            h.f64(b);
        }
        for (double w : weights) {
            h.f64(w);
        }
        return h;
    }

    static HandWrittenFile category() {
        return head("category", 0, new String[] {"Billing", "Bug"}, 1.0, 2, new double[] {0.1, -0.1},
                new double[] {2.0, -1.0, -1.5, 2.5});
    }

    static HandWrittenFile priority() {
        return head("priority", 1, new String[] {"Low", "High"}, 1.0, 2, new double[] {0, 0},
                new double[] {0, 0, -1, 1});
    }

    /** The whole small model, valid. */
    static byte[] valid() throws Exception {
        return preamble(1, 0).section("INFO", info()).section("FEAT", features(1, 1 << 2, 0, 0))
                .section("VOCB", vocabulary("refund", "crash")).section("HEAD", category())
                .section("HEAD", priority()).withChecksum();
    }
}
