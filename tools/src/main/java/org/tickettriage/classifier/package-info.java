/**
 * The trainer's MALLET side: its feature pipes, the export of fitted heads to the model format, and the classes that
 * the Java-serialized models of earlier releases name, kept under their old names so that {@code model convert} reads them.
 */
package org.tickettriage.classifier;
