package org.tickettriage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteBackWriterTest {

    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final WriteBack PLAN = new WriteBack("fake", "fake:d-1", "T-1", Map.of("id", "1"), List.of("triage_x"),
            null, null, "note quoting the customer", "ticket-triage delivery=fake:d-1");

    private static final Attempt THROW = Attempt.failed("throw", PLAN);

    private final ScriptedConnector connector = new ScriptedConnector();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final WriteBackWriter writer = new WriteBackWriter(List.of(connector), POLICY, deadLetters,
            Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aWrittenPlanIsDone() {
        connector.answers.add(Attempt.done("HTTP 200", PLAN));

        assertThat(writer.attempt(PendingWriteBack.first(PLAN))).isInstanceOf(WriteBackWriter.Step.Done.class);
        assertThat(connector.retries).containsExactly(false);
    }

    @Test
    void retriesWithBackoffThenDeadLettersAfterTheLastAttempt() {
        for (int i = 0; i < 3; i++) {
            connector.answers.add(Attempt.retry("HTTP 503 on PUT", null, PLAN));
        }

        WriteBackWriter.Step first = writer.attempt(PendingWriteBack.first(PLAN));
        WriteBackWriter.Step.Retry second = (WriteBackWriter.Step.Retry) writer.attempt(((WriteBackWriter.Step.Retry) first).next());
        WriteBackWriter.Step third = writer.attempt(second.next());

        assertThat(((WriteBackWriter.Step.Retry) first).delay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(second.delay()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(third).isInstanceOf(WriteBackWriter.Step.DeadLettered.class);
        assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).isEqualTo("gave up after 3 attempts: HTTP 503 on PUT");
            assertThat(letter.toString()).contains("fake ticket T-1", "fake:d-1").doesNotContain("customer");
        });
        assertThat(connector.retries).containsExactly(false, true, true);
    }

    @Test
    void waitsWhatTheHelpdeskAsksUpToTheLongestWait() {
        connector.answers.add(Attempt.retry("HTTP 429", Duration.ofSeconds(7), PLAN));
        connector.answers.add(Attempt.retry("HTTP 429", Duration.ofHours(2), PLAN));

        WriteBackWriter.Step.Retry first = (WriteBackWriter.Step.Retry) writer.attempt(PendingWriteBack.first(PLAN));
        WriteBackWriter.Step.Retry second = (WriteBackWriter.Step.Retry) writer.attempt(first.next());

        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keepsWhatTheConnectorRevisedForTheNextAttempt() {
        WriteBack revised = PLAN.withReference("updated_stamp", "2025-03-04T10:00:01Z").withoutAssignment();
        connector.answers.add(Attempt.retry("HTTP 409", null, revised));

        WriteBackWriter.Step.Retry retry = (WriteBackWriter.Step.Retry) writer.attempt(PendingWriteBack.first(PLAN));

        assertThat(retry.next().writeBack()).isEqualTo(revised);
    }

    @Test
    void rereadsTheSecretsOnceAfterA401ThenGivesUp() {
        connector.answers.add(Attempt.unauthorized("HTTP 401 on PUT", PLAN));
        connector.answers.add(Attempt.unauthorized("HTTP 401 on PUT", PLAN));

        WriteBackWriter.Step.Retry retry = (WriteBackWriter.Step.Retry) writer.attempt(PendingWriteBack.first(PLAN));
        WriteBackWriter.Step last = writer.attempt(retry.next());

        assertThat(connector.refreshes).isEqualTo(1);
        assertThat(retry.delay()).isZero();
        assertThat(last).isInstanceOf(WriteBackWriter.Step.DeadLettered.class);
        assertThat(deadLetters.letters().get(0).reason()).isEqualTo("HTTP 401 on PUT, again after the secrets were re-read");
    }

    @Test
    void aRefusedPlanIsDeadLetteredAtOnce() {
        connector.answers.add(Attempt.failed("HTTP 422 on PUT", PLAN));

        assertThat(writer.attempt(PendingWriteBack.first(PLAN))).isInstanceOf(WriteBackWriter.Step.DeadLettered.class);
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void aConnectorThatThrowsIsRetriedAndItsMessageNeverKept() {
        connector.answers.add(THROW);

        WriteBackWriter.Step.Retry retry = (WriteBackWriter.Step.Retry) writer.attempt(PendingWriteBack.first(PLAN));

        assertThat(retry.reason()).isEqualTo("the connector failed (java.lang.IllegalStateException)");
    }

    @Test
    void aPlanForAConnectorThatIsOffIsDeadLettered() {
        WriteBack other = new WriteBack("zendesk", "zendesk:e", "1", Map.of(), List.of(), null, null, null, "m");

        assertThat(writer.attempt(PendingWriteBack.first(other))).isInstanceOf(WriteBackWriter.Step.DeadLettered.class);
    }

    @Test
    void backoffDoublesWithJitterUpToTheLongestDelay() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1));

        for (int i = 0; i < 50; i++) {
            assertThat(policy.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(policy.delay(2, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.delay(9, null)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
        assertThat(RetryPolicy.DEFAULT.delay(1, null)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    /** Answers with the attempts it is given, in order; a null answer throws. */
    private static final class ScriptedConnector implements Connector {

        final Deque<Attempt> answers = new ArrayDeque<>();
        final List<Boolean> retries = new java.util.ArrayList<>();
        int refreshes;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Inbound receive(WebhookRequest request, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WriteBack plan(HelpdeskTicket ticket, org.tickettriage.triage.TriageResult result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Attempt apply(WriteBack writeBack, boolean retry) {
            retries.add(retry);
            Attempt next = answers.removeFirst();
            if (next == THROW) {
                throw new IllegalStateException("failed on: note quoting the customer");
            }
            return next;
        }

        @Override
        public OpenTickets openTickets(String source, java.net.URI next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void refreshSecrets() {
            refreshes++;
        }
    }
}
