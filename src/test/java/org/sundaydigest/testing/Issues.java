package org.sundaydigest.testing;

import static org.awaitility.Awaitility.await;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.sundaydigest.issue.IssueStatus;

import io.restassured.http.ContentType;

/** Send dates and articles for tests of the sending engine, far from the dates other tests use. */
public final class Issues {

    /**
     * Counted in a system property: test classes are loaded anew for each application start, and a static counter would
     * start again at zero. Kept as a string, as other code copies the system properties.
     */
    private static final String WEEKS = "sunday-digest.test-weeks";

    private Issues() {
    }

    /** A Sunday no other test uses (2049-12-26 is a Sunday). */
    public static LocalDate freshSunday() {
        int weeks;
        synchronized (System.getProperties()) {
            weeks = Integer.parseInt(System.getProperty(WEEKS, "0")) + 1;
            System.setProperty(WEEKS, String.valueOf(weeks));
        }
        return LocalDate.of(2049, 12, 26).plusWeeks(weeks * 2L);
    }

    /** Publishes an article a day before the send, inside the issue's window; returns its URL. */
    public static String publish(LocalDate sendDate, String title, String section) {
        String url = "https://news.example.org/" + UUID.randomUUID();
        Instant publishedAt = sendDate.atTime(8, 0).toInstant(ZoneOffset.UTC).minus(Duration.ofDays(1));
        asEditor()
                .contentType(ContentType.JSON).body(Map.of("url", url, "title", title, "summary",
                        "About " + title + ".", "section", section, "publishedAt", publishedAt.toString()))
                .when().post("/api/articles").then().statusCode(201);
        return url;
    }

    /** Waits up to {@code seconds} for the issue to reach the status; returns the last status seen. */
    public static IssueStatus awaitStatus(LocalDate sendDate, IssueStatus status, int seconds) {
        AtomicReference<IssueStatus> seen = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200)).until(() -> {
                seen.set(statusOf(sendDate));
                return seen.get() == status;
            });
        } catch (ConditionTimeoutException notReached) {
            // The caller's assertion names the status that was seen instead.
        }
        return seen.get();
    }

    /** The issue's status as the API reports it. */
    public static IssueStatus statusOf(LocalDate sendDate) {
        return IssueStatus.valueOf(
                asEditor().when().get("/api/digests/" + sendDate).then().statusCode(200).extract().path("status"));
    }
}
