package org.tickettriage.model;

/**
 * A ticket's features: distinct feature indices in ascending order and their values, as MALLET's
 * {@code FeatureVector} holds them. The arrays are owned by the vector and never changed after construction.
 *
 * @param indices feature indices, ascending, distinct
 * @param values  the value of each, same length
 */
public record SparseVector(int[] indices, double[] values) {

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
        }
    }

    /** How many features are present. */
    public int size() {
        return indices.length;
    }
}
