/** Zendesk: event-subscription webhooks ({@code zen:event-type:ticket.created}) in, tags, group, priority and an internal note out. */
package org.tickettriage.connectors.zendesk;
