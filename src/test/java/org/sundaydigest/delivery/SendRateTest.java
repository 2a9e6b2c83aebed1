package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SendRateTest {

    private static SendRate fresh() {
        SendRate rate = new SendRate();
        rate.secondStart = Instant.EPOCH;
        rate.hourStart = Instant.EPOCH;
        return rate;
    }

    @Test
    void withinOneSecondNoMoreThanTheLimitIsAllowed() {
        SendRate rate = fresh();
        Instant now = Instant.parse("2050-01-02T08:00:00.100Z");
        assertThat(rate.allowance(30, now, 50, 0)).isEqualTo(30);
        rate.take(30);
        assertThat(rate.allowance(30, now.plusMillis(500), 50, 0)).isEqualTo(20);
        rate.take(20);
        assertThat(rate.allowance(30, now.plusMillis(800), 50, 0)).isZero();
        assertThat(rate.reopensAt(0)).isEqualTo(Instant.parse("2050-01-02T08:00:01Z"));
    }

    @Test
    void theNextSecondStartsAfresh() {
        SendRate rate = fresh();
        Instant now = Instant.parse("2050-01-02T08:00:00.900Z");
        rate.allowance(50, now, 50, 0);
        rate.take(50);
        assertThat(rate.allowance(50, now.plusMillis(200), 50, 0)).isEqualTo(50);
    }

    @Test
    void theHourlyLimitHoldsAcrossSecondsAndReopensAtTheNextHour() {
        SendRate rate = fresh();
        Instant now = Instant.parse("2050-01-02T08:10:00Z");
        for (int second = 0; second < 10; second++) {
            int allowed = rate.allowance(50, now.plusSeconds(second), 50, 120);
            rate.take(allowed);
        }
        assertThat(rate.hourCount).isEqualTo(120);
        assertThat(rate.allowance(50, now.plusSeconds(30), 50, 120)).isZero();
        assertThat(rate.reopensAt(120)).isEqualTo(Instant.parse("2050-01-02T09:00:00Z"));
        assertThat(rate.allowance(50, Instant.parse("2050-01-02T09:00:00Z"), 50, 120)).isEqualTo(50);
    }

    @Test
    void zeroMeansNoLimit() {
        SendRate rate = fresh();
        assertThat(rate.allowance(500, Instant.parse("2050-01-02T08:00:00Z"), 0, 0)).isEqualTo(500);
    }
}
