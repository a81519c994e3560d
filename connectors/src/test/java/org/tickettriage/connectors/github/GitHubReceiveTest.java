package org.tickettriage.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tickettriage.connectors.Deliveries.GITHUB_SECRET;
import static org.tickettriage.connectors.Deliveries.github;
import static org.tickettriage.connectors.Deliveries.payload;
import static org.tickettriage.connectors.Deliveries.with;
import static org.tickettriage.connectors.Deliveries.withHeader;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tickettriage.connectors.Deliveries;
import org.tickettriage.connectors.HelpdeskTicket;
import org.tickettriage.connectors.Inbound;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookRequest;

class GitHubReceiveTest {

    private static final Instant NOW = Instant.parse("2025-03-04T09:20:12Z");
    private static final byte[] OPENED = payload("github-issues-opened.json");
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private final GitHubConnector github = connector(List.of(), Optional.of("ticket-triage[bot]"));

    static GitHubConnector connector(List<String> repositories, Optional<String> bot) {
        return new GitHubConnector(new GitHubConnector.Config(URI.create("https://api.github.com"), repositories, bot,
                "triage:", false), Deliveries.secrets(),
                new VendorHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()));
    }

    @Test
    void acceptsASignedOpenedIssue() {
        Inbound inbound = github.receive(github(GITHUB_SECRET, "issues", DELIVERY, OPENED), NOW);

        assertThat(inbound).isInstanceOf(Inbound.Accepted.class);
        HelpdeskTicket ticket = ((Inbound.Accepted) inbound).ticket();
        assertThat(ticket.deliveryKey()).isEqualTo("github:" + DELIVERY);
        assertThat(ticket.ticketId()).isEqualTo("octo-org/octo-app#42");
        assertThat(ticket.reference()).isEqualTo(Map.of("owner", "octo-org", "repo", "octo-app", "number", "42"));
        assertThat(ticket.subject()).isEqualTo("App crashes when exporting a report to PDF");
        assertThat(ticket.body()).startsWith("Steps to reproduce");
        assertThat(ticket.requester()).isEqualTo("octocat");
        assertThat(ticket.tags()).containsExactly("needs-triage");
        assertThat(ticket.channel()).isEqualTo("github");
    }

    @Test
    void acceptsAReopenedIssue() {
        byte[] reopened = with(OPENED, "action", "reopened");

        assertThat(github.receive(github(GITHUB_SECRET, "issues", DELIVERY, reopened), NOW)).isInstanceOf(Inbound.Accepted.class);
    }

    @Test
    void answersAPing() {
        Inbound inbound = github.receive(github(GITHUB_SECRET, "ping", DELIVERY, payload("github-ping.json")), NOW);

        assertThat(inbound).isInstanceOf(Inbound.Ignored.class);
        assertThat(((Inbound.Ignored) inbound).status()).isEqualTo("pong");
    }

    @Test
    void ignoresOurOwnLabelsAndOtherActions() {
        for (String action : List.of("labeled", "edited", "closed", "assigned")) {
            byte[] body = with(OPENED, "action", action);

            assertThat(github.receive(github(GITHUB_SECRET, "issues", DELIVERY, body), NOW)).as(action)
                    .isEqualTo(Inbound.Ignored.because("only the actions opened and reopened are triaged"));
        }
        assertThat(github.receive(github(GITHUB_SECRET, "issue_comment", DELIVERY, OPENED), NOW))
                .isInstanceOf(Inbound.Ignored.class);
    }

    @Test
    void ignoresEventsSentByTheConnectorsOwnAccount() {
        byte[] ours = with(OPENED, "sender", Map.of("login", "ticket-triage[bot]", "type", "Bot"));

        assertThat(github.receive(github(GITHUB_SECRET, "issues", DELIVERY, ours), NOW))
                .isEqualTo(Inbound.Ignored.because("sent by the connector's own account"));
    }

    @Test
    void refusesMissingWrongAndOldStyleSignatures() {
        WebhookRequest signed = github(GITHUB_SECRET, "issues", DELIVERY, OPENED);

        assertThat(rejection(withHeader(signed, "X-Hub-Signature-256", null))).isEqualTo("401 missing_signature");
        assertThat(rejection(github("another secret", "issues", DELIVERY, OPENED))).isEqualTo("401 invalid_signature");
        assertThat(rejection(withHeader(signed, "X-Hub-Signature-256", "sha1=7d38cdd689735b008b3c702edd92eea23791c5f6")))
                .isEqualTo("401 invalid_signature");
        assertThat(rejection(new WebhookRequest(signed.headers(), with(OPENED, "issue.number", 43))))
                .isEqualTo("401 invalid_signature");
    }

    @Test
    void refusesAPingWithoutAValidSignatureToo() {
        assertThat(rejection(github("another secret", "ping", DELIVERY, payload("github-ping.json"))))
                .isEqualTo("401 invalid_signature");
    }

    @Test
    void refusesIdentifiersThatAreNotGitHubsBeforeTheyReachAUrl() {
        assertThat(rejection(github(GITHUB_SECRET, "issues", DELIVERY, with(OPENED, "repository.owner.login", "../../admin"))))
                .isEqualTo("400 invalid_repository");
        assertThat(rejection(github(GITHUB_SECRET, "issues", DELIVERY, with(OPENED, "repository.name", ".."))))
                .isEqualTo("400 invalid_repository");
        assertThat(rejection(github(GITHUB_SECRET, "issues", DELIVERY, with(OPENED, "repository.name", "app?x=1"))))
                .isEqualTo("400 invalid_repository");
        assertThat(rejection(github(GITHUB_SECRET, "issues", DELIVERY, with(OPENED, "issue.number", "42/comments"))))
                .isEqualTo("400 invalid_issue_number");
        assertThat(rejection(github(GITHUB_SECRET, "issues", DELIVERY, with(OPENED, "issue.number", 0))))
                .isEqualTo("400 invalid_issue_number");
        assertThat(rejection(github(GITHUB_SECRET, "issues", "not a delivery id", OPENED))).isEqualTo("400 invalid_delivery");
    }

    @Test
    void refusesARepositoryOutsideTheAllowList() {
        GitHubConnector onlyDocs = connector(List.of("octo-org/docs"), Optional.empty());
        GitHubConnector wholeOrg = connector(List.of("Octo-Org/*"), Optional.empty());

        Inbound refused = onlyDocs.receive(github(GITHUB_SECRET, "issues", DELIVERY, OPENED), NOW);

        assertThat(refused).isInstanceOf(Inbound.Rejected.class);
        assertThat(((Inbound.Rejected) refused).status()).isEqualTo(403);
        assertThat(((Inbound.Rejected) refused).code()).isEqualTo("repository_not_allowed");
        assertThat(wholeOrg.receive(github(GITHUB_SECRET, "issues", DELIVERY, OPENED), NOW)).isInstanceOf(Inbound.Accepted.class);
    }

    private String rejection(WebhookRequest request) {
        Inbound inbound = github.receive(request, NOW);
        assertThat(inbound).isInstanceOf(Inbound.Rejected.class);
        Inbound.Rejected rejected = (Inbound.Rejected) inbound;
        return rejected.status() + " " + rejected.code();
    }
}
