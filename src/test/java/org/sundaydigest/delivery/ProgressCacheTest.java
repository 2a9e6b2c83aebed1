package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sundaydigest.issue.Sending;

class ProgressCacheTest {

    private static final Instant START = Instant.parse("2050-01-02T08:00:00Z");

    private final ProgressCache cache = new ProgressCache(Duration.ofSeconds(1));

    private static ProgressCache.Counts sentSoFar(long sent, long open) {
        return new ProgressCache.Counts(sent, 0, 0, open, 0, 0, 0);
    }

    @Test
    void editorsWatchingWithinTheRefreshIntervalShareOneCount() {
        AtomicInteger counted = new AtomicInteger();

        cache.get(1, START, () -> sentSoFar(counted.incrementAndGet(), 100));
        Sending.Progress shared = cache.get(1, START.plusMillis(900), () -> sentSoFar(counted.incrementAndGet(), 100));
        Sending.Progress fresh = cache.get(1, START.plusSeconds(1), () -> sentSoFar(counted.incrementAndGet(), 100));

        assertThat(counted).hasValue(2);
        assertThat(shared.sent()).isEqualTo(1);
        assertThat(fresh.sent()).isEqualTo(2);
    }

    @Test
    void theFirstCountHasNeitherRateNorEta() {
        Sending.Progress first = cache.get(1, START, () -> sentSoFar(0, 5000));

        assertThat(first.perMinute()).isZero();
        assertThat(first.eta()).isNull();
        assertThat(first.recipients()).isEqualTo(5000);
    }

    @Test
    void theRateCoversAboutTheLastMinuteAndGivesTheEta() {
        cache.get(1, START, () -> sentSoFar(0, 10_000));
        cache.get(1, START.plusSeconds(30), () -> sentSoFar(500, 9_500));
        cache.get(1, START.plusSeconds(60), () -> sentSoFar(1_000, 9_000));

        Sending.Progress progress = cache.get(1, START.plusSeconds(90), () -> sentSoFar(1_600, 8_400));

        // From the count at 30 s (500) to the one at 90 s (1,600): 1,100 in a minute; the count at 0 s is dropped.
        assertThat(progress.perMinute()).isEqualTo(1_100);
        assertThat(progress.eta()).isEqualTo(START.plusSeconds(90).plusSeconds(8_400 * 60 / 1_100));
    }

    @Test
    void aFinishedSendHasNoRate() {
        cache.get(1, START, () -> sentSoFar(0, 100));

        Sending.Progress done = cache.get(1, START.plusSeconds(10), () -> sentSoFar(100, 0));

        assertThat(done.perMinute()).isZero();
        assertThat(done.eta()).isNull();
        assertThat(done.percentDone()).isEqualTo(100);
    }

    @Test
    void eachIssueHasItsOwnCountAndRate() {
        cache.get(1, START, () -> sentSoFar(0, 100));
        cache.get(2, START, () -> sentSoFar(0, 100));

        assertThat(cache.get(1, START.plusSeconds(60), () -> sentSoFar(60, 40)).perMinute()).isEqualTo(60);
        assertThat(cache.get(2, START.plusSeconds(60), () -> sentSoFar(30, 70)).perMinute()).isEqualTo(30);
    }
}
