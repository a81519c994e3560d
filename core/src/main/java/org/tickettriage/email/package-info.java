/** Inbound email as tickets: raw MIME in, the customer's own words, sender, Message-ID and date out (no AWS code). */
package org.tickettriage.email;
