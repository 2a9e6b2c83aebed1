package org.sundaydigest.issue;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.sundaydigest.common.DigestConfig;

/** The calendar and the composer, built once from the configuration; a bad cron or window fails start-up. */
class IssueBeans {

    @Produces
    @Singleton
    IssueCalendar calendar(DigestConfig config) {
        return new IssueCalendar(config.schedule().cron(), config.schedule().zone(), config.window());
    }

    @Produces
    @Singleton
    Composer composer(DigestConfig config) {
        return new Composer(config.sections(), config.publicationName(), config.leadSectionOrFirst());
    }
}
