/** Training the MALLET MaxEnt heads: honest splits, prior selection, pruning, the model artifact and {@code train}. */
package org.tickettriage.training.train;
