package org.sundaydigest.issue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.subscriber.WelcomeFacts;

import io.quarkus.panache.common.Sort;

/** The schedule and the archive, as a welcome email tells a new reader about them. */
@ApplicationScoped
class IssueWelcomeFacts implements WelcomeFacts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm",
            Locale.ENGLISH);

    @Inject
    IssueCalendar calendar;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Override
    public String nextIssue() {
        LocalDate date = calendar.upcoming(clock.instant());
        return WHEN.format(calendar.windowFor(date).end().atZone(calendar.zone())) + " (" + calendar.zone().getId()
                + ")";
    }

    @Override
    public Optional<String> latestIssueUrl() {
        return Issue.<Issue> find("status", Sort.descending("sendDate"), IssueStatus.SENT).firstResultOptional()
                .map(issue -> config.baseUrl() + "/archive/" + issue.sendDate);
    }
}
