package org.tickettriage.classifier;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The allow-list an old-format model file is read through (only by {@code model convert}): Java deserialization of
 * an arbitrary class can run code, so only the classes a MaxEnt classifier and its feature pipe are made of may
 * appear, within size limits.
 * A MALLET upgrade that serializes other classes makes the load fail with the class named, on purpose.
 */
final class ModelDeserializationFilter implements ObjectInputFilter {

    /** Nesting depth of the object graph; a MaxEnt with its pipe is about 10 deep. */
    static final long MAX_DEPTH = 40;
    /** Object references; each feature name is one, so this bounds the vocabulary at a few million. */
    static final long MAX_REFERENCES = 5_000_000;
    /** Bytes read; far above a pruned model (a few MB) and below what would exhaust a Lambda's memory. */
    static final long MAX_BYTES = 256L * 1024 * 1024;
    /** Elements of one array. */
    static final long MAX_ARRAY_LENGTH = 50_000_000;

    /**
     * Exactly the classes a model written by the trainer contains (MALLET 2.1.1, listed by recording what
     * such files hold), superclasses included.
     */
    static final Set<String> ALLOWED = Set.of(
            // The classifier and its alphabets.
            "cc.mallet.classify.Classifier",
            "cc.mallet.classify.MaxEnt",
            "cc.mallet.types.Alphabet",
            "cc.mallet.types.LabelAlphabet",
            "cc.mallet.types.Label",
            // The feature pipe, exactly as TicketFeaturePipes builds it.
            "cc.mallet.pipe.Pipe",
            "cc.mallet.pipe.SerialPipes",
            "cc.mallet.pipe.TokenSequence2FeatureSequence",
            "cc.mallet.pipe.FeatureSequence2FeatureVector",
            "cc.mallet.pipe.Target2Label",
            "org.tickettriage.classifier.TicketTokenizer",
            "org.tickettriage.classifier.WeightedFeatureVectors",
            // Java basics: feature names, the lists of pipes and alphabet entries, instance ids.
            "java.lang.Object", // only as the element type of ArrayList's backing array
            "java.lang.String",
            "java.util.ArrayList",
            "java.util.UUID");

    /** Why the last rejection happened, for the error message (the JDK's says only "REJECTED"). */
    private String rejection;

    /** A filter for one stream; it remembers what it rejected. */
    ModelDeserializationFilter() {
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return reject("object graph deeper than " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFERENCES) {
            return reject("more than " + MAX_REFERENCES + " object references");
        }
        if (info.streamBytes() > MAX_BYTES) {
            return reject("more than " + MAX_BYTES + " bytes");
        }
        if (info.arrayLength() > MAX_ARRAY_LENGTH) {
            return reject("an array of " + info.arrayLength() + " elements");
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED; // a back-reference or a limit check only: the limits above have passed
        }
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive() || ALLOWED.contains(element.getName())) {
            return Status.ALLOWED;
        }
        return reject("class " + type.getName() + " is not allowed in a model file");
    }

    /** The reason of the last rejection, or null. */
    String rejection() {
        return rejection;
    }

    private Status reject(String reason) {
        rejection = reason;
        return Status.REJECTED;
    }
}
