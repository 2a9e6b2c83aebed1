package org.sundaydigest.subscriber;

import java.util.Optional;

/** What a welcome email says about the issues, from the feature that makes them; declared here, where it is used. */
public interface WelcomeFacts {

    /** When the next issue goes out, in words: "Sunday 13 December 2026 at 08:00 (UTC)". */
    String nextIssue();

    /** The web version of the latest sent issue, if one was sent. */
    Optional<String> latestIssueUrl();
}
