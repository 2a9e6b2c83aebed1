package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Test
    void theWaitDoublesWithEachAttemptUpToTheCap() {
        assertThat(Pace.backoff(1, MINUTE, HALF_HOUR)).isEqualTo(MINUTE);
        assertThat(Pace.backoff(2, MINUTE, HALF_HOUR)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Pace.backoff(5, MINUTE, HALF_HOUR)).isEqualTo(Duration.ofMinutes(16));
        assertThat(Pace.backoff(6, MINUTE, HALF_HOUR)).isEqualTo(HALF_HOUR);
        assertThat(Pace.backoff(1000, MINUTE, HALF_HOUR)).isEqualTo(HALF_HOUR);
    }
}
