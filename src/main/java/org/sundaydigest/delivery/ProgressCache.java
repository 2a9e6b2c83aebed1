package org.sundaydigest.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.sundaydigest.issue.Sending;

/**
 * The counters of sends, counted at most once per refresh interval, and their rate taken from successive counts: the
 * sent count now against the one seen about a minute before. Counting is the expensive part (every delivery row of the
 * issue), so editors watching a send share one count, and no index on the time of sending is kept up for the rate.
 */
final class ProgressCache {

    /** What a count of the issue's deliveries found. */
    record Counts(long sent, long deferred, long failed, long open, long skipped, long bounced, long complaints) {

        long recipients() {
            return sent + deferred + failed + open + skipped;
        }
    }

    private record Sample(Instant at, long sent) {
    }

    private record Cached(Instant at, Sending.Progress progress) {
    }

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final Duration refresh;
    private final Map<Long, Cached> latest = new ConcurrentHashMap<>();
    private final Map<Long, List<Sample>> samples = new ConcurrentHashMap<>();

    ProgressCache(Duration refresh) {
        this.refresh = refresh;
    }

    Sending.Progress get(long issueId, Instant now, Supplier<Counts> count) {
        Cached cached = latest.get(issueId);
        if (cached != null && now.isBefore(cached.at().plus(refresh))) {
            return cached.progress();
        }
        Counts counts = count.get();
        long left = counts.open() + counts.deferred();
        // A finished send has no rate: a count taken after it ended would otherwise show its last minute as current.
        long perMinute = left == 0 ? 0 : perMinute(issueId, now, counts.sent());
        Instant eta = perMinute == 0 || left == 0 ? null : now.plusSeconds(left * 60 / perMinute);
        Sending.Progress progress = new Sending.Progress(counts.recipients(), counts.sent(), counts.deferred(),
                counts.failed(), counts.open(), counts.skipped(), counts.bounced(), counts.complaints(), perMinute,
                eta);
        latest.put(issueId, new Cached(now, progress));
        return progress;
    }

    /**
     * Messages per minute between the oldest count kept and this one. Counts are kept until a newer one is at least a
     * minute old, so the rate covers about the last minute once the send has been watched that long; 0 until two counts
     * at least a second apart are known.
     */
    private long perMinute(long issueId, Instant now, long sent) {
        List<Sample> seen = samples.computeIfAbsent(issueId, id -> new ArrayList<>());
        synchronized (seen) {
            seen.add(new Sample(now, sent));
            while (seen.size() > 2 && !seen.get(1).at().isAfter(now.minus(RATE_WINDOW))) {
                seen.remove(0);
            }
            Sample first = seen.get(0);
            long millis = Duration.between(first.at(), now).toMillis();
            if (millis < 1000 || sent <= first.sent()) {
                return 0;
            }
            return (sent - first.sent()) * 60_000 / millis;
        }
    }
}
