package org.tickettriage.classifier;

/**
 * How ticket text becomes features; recorded in the model card and carried inside the serialized pipe.
 *
 * @param wordBigrams     add pairs of adjacent words ({@code "reset password"}) next to single words
 * @param subjectFeatures add the subject's words a second time, prefixed ({@code "subject:refund"}), because a
 *                        word in the subject says more about the ticket than the same word deep in the body
 * @param binary          a feature's value is 1 when present instead of its count, so a long pasted log does
 *                        not outweigh the rest of the ticket
 */
public record FeatureSettings(boolean wordBigrams, boolean subjectFeatures, boolean binary) {

    /** The settings the trainer uses unless told otherwise. */
    public static final FeatureSettings DEFAULT = new FeatureSettings(true, true, true);
}
