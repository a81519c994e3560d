/** JMH benchmarks of the featurizer and the MaxEnt scorer on the bundled model, over fixed sets of tickets. */
package org.tickettriage.jmh;
