/**
 * Helpdesk connectors: a signed webhook in, the ticket triaged, the decision written back into the helpdesk once,
 * retried and dead-lettered; the vendor-neutral pipeline here, one package per helpdesk beside it.
 */
package org.tickettriage.connectors;
