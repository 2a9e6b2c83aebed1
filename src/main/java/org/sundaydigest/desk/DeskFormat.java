package org.sundaydigest.desk;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import org.sundaydigest.issue.IssueCalendar;

/** Times and dates as the desk writes and reads them, in the schedule's zone. */
@ApplicationScoped
class DeskFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z",
            Locale.ENGLISH);

    @Inject
    IssueCalendar calendar;

    String time(Instant instant) {
        return TIME.format(instant.atZone(calendar.zone()));
    }

    String day(Instant instant) {
        return instant == null ? "" : instant.atZone(calendar.zone()).toLocalDate().toString();
    }

    /** The issue date of a desk URL; a malformed one is a page that does not exist. */
    static LocalDate issueDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new NotFoundException("No issue date " + date);
        }
    }

    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
