/** Scoring a model on labelled tickets: metrics, the review threshold and the {@code evaluate} command. */
package org.tickettriage.training.evaluate;
