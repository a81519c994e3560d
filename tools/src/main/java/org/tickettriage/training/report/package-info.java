/** The evaluation report: Markdown with PNG charts, and the RESULTS page assembled from several reports. */
package org.tickettriage.training.report;
