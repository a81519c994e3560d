/** Reading labelled ticket CSV files into rows the trainer and the evaluator share. */
package org.tickettriage.training.data;
