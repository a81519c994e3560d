/** The model as data: the model file format, the one featurizer, the MaxEnt scorer and the model card; no MALLET, no AWS. */
package org.tickettriage.model;
