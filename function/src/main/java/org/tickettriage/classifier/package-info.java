/** The ticket classifier: its role interface, its results and the MALLET MaxEnt implementation. */
package org.tickettriage.classifier;
