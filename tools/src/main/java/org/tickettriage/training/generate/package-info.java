/** The synthetic ticket generator: composes realistic, labelled tickets in the seed schema from template parts. */
package org.tickettriage.training.generate;
