package org.tickettriage.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryStoreTest {

    private Instant now = Instant.parse("2025-03-04T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void remembersADeliveryForItsTimeToLive() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock, 10);

        assertThat(store.remember("github:d-1", Duration.ofDays(7))).isTrue();
        now = now.plus(Duration.ofDays(3));
        assertThat(store.remember("github:d-1", Duration.ofDays(7))).isFalse();
        now = now.plus(Duration.ofDays(5));
        assertThat(store.remember("github:d-1", Duration.ofDays(7))).isTrue();
    }

    @Test
    void aForgottenDeliveryIsNewAgain() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock, 10);
        store.remember("zendesk:e-1", Duration.ofDays(7));

        store.forget("zendesk:e-1");

        assertThat(store.remember("zendesk:e-1", Duration.ofDays(7))).isTrue();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheKeysThatExpireFirst() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock, 3);
        for (int i = 1; i <= 5; i++) {
            store.remember("k" + i, Duration.ofHours(i));
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.remember("k5", Duration.ofHours(1))).isFalse();
        assertThat(store.remember("k1", Duration.ofHours(1))).isTrue();
    }
}
