package org.tickettriage.connectors.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tickettriage.connectors.Deliveries.ZENDESK_SECRET;
import static org.tickettriage.connectors.Deliveries.payload;
import static org.tickettriage.connectors.Deliveries.with;
import static org.tickettriage.connectors.Deliveries.withHeader;
import static org.tickettriage.connectors.Deliveries.zendesk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tickettriage.connectors.Deliveries;
import org.tickettriage.connectors.HelpdeskTicket;
import org.tickettriage.connectors.Inbound;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookRequest;

class ZendeskReceiveTest {

    private static final Instant NOW = Instant.parse("2025-03-04T09:15:05Z");
    private static final byte[] CREATED = payload("zendesk-ticket-created.json");

    private final ZendeskConnector zendesk = connector(Optional.empty());

    static ZendeskConnector connector(Optional<String> account) {
        return new ZendeskConnector(new ZendeskConnector.Config(URI.create("https://example.zendesk.com"),
                "triage@example.com", account, ZendeskConnector.DEFAULT_REPLAY_WINDOW), Deliveries.secrets(),
                new VendorHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()));
    }

    @Test
    void acceptsASignedTicketCreatedEvent() {
        Inbound inbound = zendesk.receive(zendesk(ZENDESK_SECRET, NOW, CREATED), NOW);

        assertThat(inbound).isInstanceOf(Inbound.Accepted.class);
        HelpdeskTicket ticket = ((Inbound.Accepted) inbound).ticket();
        assertThat(ticket.connector()).isEqualTo("zendesk");
        assertThat(ticket.deliveryKey()).isEqualTo("zendesk:01HNXK7Y2Z3QWERTY0123456789");
        assertThat(ticket.ticketId()).isEqualTo("35436");
        assertThat(ticket.subject()).isEqualTo("Charged twice for my subscription");
        assertThat(ticket.body()).startsWith("Hello, I was charged twice");
        assertThat(ticket.requester()).isEqualTo("20978392");
        assertThat(ticket.tags()).containsExactly("billing", "web_widget");
        assertThat(ticket.channel()).isEqualTo("web_widget");
        assertThat(ticket.updatedAt()).isEqualTo(Instant.parse("2025-03-04T09:15:01Z"));
        assertThat(ticket.reference()).containsEntry("id", "35436").containsEntry("updated_stamp", "2025-03-04T09:15:01Z");
        assertThat(ticket.toString()).doesNotContain("Charged", "20978392");
    }

    @Test
    void acceptsANumericTicketId() {
        byte[] body = with(CREATED, "detail.id", 35436);

        assertThat(zendesk.receive(zendesk(ZENDESK_SECRET, NOW, body), NOW)).isInstanceOf(Inbound.Accepted.class);
    }

    @Test
    void refusesADeliveryWithoutASignature() {
        WebhookRequest unsigned = withHeader(zendesk(ZENDESK_SECRET, NOW, CREATED), "X-Zendesk-Webhook-Signature", null);

        assertThat(zendesk.receive(unsigned, NOW)).isEqualTo(new Inbound.Rejected(401, "missing_signature",
                "Zendesk deliveries carry X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp."));
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertThat(rejection(zendesk("another secret", NOW, CREATED), NOW)).isEqualTo("401 invalid_signature");
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        WebhookRequest signed = zendesk(ZENDESK_SECRET, NOW, CREATED);
        WebhookRequest tampered = new WebhookRequest(signed.headers(), with(CREATED, "detail.subject", "Refund me now"));

        assertThat(rejection(tampered, NOW)).isEqualTo("401 invalid_signature");
    }

    @Test
    void refusesASignatureThatIsNotBase64() {
        WebhookRequest garbled = withHeader(zendesk(ZENDESK_SECRET, NOW, CREATED), "X-Zendesk-Webhook-Signature", "%%%");

        assertThat(rejection(garbled, NOW)).isEqualTo("401 invalid_signature");
    }

    @Test
    void refusesATimestampOutsideTheReplayWindowEitherWay() {
        WebhookRequest old = zendesk(ZENDESK_SECRET, NOW.minus(Duration.ofMinutes(5)).minusSeconds(1), CREATED);
        WebhookRequest future = zendesk(ZENDESK_SECRET, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), CREATED);
        WebhookRequest edge = zendesk(ZENDESK_SECRET, NOW.minus(Duration.ofMinutes(5)), CREATED);

        assertThat(rejection(old, NOW)).isEqualTo("401 stale_timestamp");
        assertThat(rejection(future, NOW)).isEqualTo("401 stale_timestamp");
        assertThat(zendesk.receive(edge, NOW)).isInstanceOf(Inbound.Accepted.class);
    }

    @Test
    void ignoresOtherEventTypes() {
        byte[] changed = with(CREATED, "type", "zen:event-type:ticket.status_changed");

        assertThat(zendesk.receive(zendesk(ZENDESK_SECRET, NOW, changed), NOW))
                .isEqualTo(Inbound.Ignored.because("only zen:event-type:ticket.created events are triaged"));
    }

    @Test
    void ignoresATicketThatAlreadyCarriesOurTag() {
        byte[] triaged = with(CREATED, "detail.tags", List.of("billing", "triage_billing_inquiry"));

        assertThat(zendesk.receive(zendesk(ZENDESK_SECRET, NOW, triaged), NOW)).isInstanceOf(Inbound.Ignored.class);
    }

    @Test
    void refusesATicketIdThatIsNotDigitsBeforeItReachesAUrl() {
        for (Object id : List.of("35436/../../users/1", "35436.json", "", -5, "1e3")) {
            byte[] body = with(CREATED, "detail.id", id);

            assertThat(rejection(zendesk(ZENDESK_SECRET, NOW, body), NOW)).as("id %s", id).isEqualTo("400 invalid_ticket_id");
        }
    }

    @Test
    void refusesAnEventIdOfUnexpectedForm() {
        byte[] body = with(CREATED, "id", "evt id with spaces");

        assertThat(rejection(zendesk(ZENDESK_SECRET, NOW, body), NOW)).isEqualTo("400 invalid_payload");
    }

    @Test
    void refusesABodyThatIsNotJsonEvenWhenSigned() {
        byte[] body = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(rejection(zendesk(ZENDESK_SECRET, NOW, body), NOW)).isEqualTo("400 invalid_payload");
    }

    @Test
    void refusesAnotherAccountWhenOneIsAllowed() {
        ZendeskConnector onlyOurs = connector(Optional.of("999"));

        Inbound inbound = onlyOurs.receive(zendesk(ZENDESK_SECRET, NOW, CREATED), NOW);

        assertThat(inbound).isInstanceOf(Inbound.Rejected.class);
        assertThat(((Inbound.Rejected) inbound).status()).isEqualTo(403);
        assertThat(connector(Optional.of("12514403")).receive(zendesk(ZENDESK_SECRET, NOW, CREATED), NOW))
                .isInstanceOf(Inbound.Accepted.class);
    }

    private String rejection(WebhookRequest request, Instant now) {
        Inbound inbound = zendesk.receive(request, now);
        assertThat(inbound).isInstanceOf(Inbound.Rejected.class);
        Inbound.Rejected rejected = (Inbound.Rejected) inbound;
        return rejected.status() + " " + rejected.code();
    }
}
