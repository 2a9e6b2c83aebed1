package org.sundaydigest.subscriber;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.PageGlobals;
import org.sundaydigest.mail.ListHeaders;
import org.sundaydigest.mail.Outbox;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * The email a reader gets once after confirming: what to expect and when, the latest issue, their own page and the way
 * out. It is the first email of the list itself, so it carries the list headers and one-click unsubscribing; it goes
 * through the outbox with the confirmation that calls for it.
 */
@ApplicationScoped
public class WelcomeMail {

    static final String KIND = "welcome";
    /** The token of previews: its links lead to the "link not found" pages. */
    static final String SAMPLE_TOKEN = "sample-token";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance welcome(String name, String nextIssue, String latestIssueUrl,
                String preferencesUrl, String unsubscribeUrl, String archiveUrl);
    }

    @Inject
    DigestConfig config;

    @Inject
    Outbox outbox;

    @Inject
    WelcomeFacts facts;

    /** Writes the welcome of this reader, in the caller's transaction. */
    void enqueue(Subscriber reader) {
        outbox.enqueue(message(reader.email, reader.name, reader.unsubscribeToken));
    }

    /** The welcome as a reader named "Ana" would get it, with the sample token: for editors to look at. */
    public String preview() {
        return message("reader@example.org", "Ana", SAMPLE_TOKEN).html();
    }

    Outbox.Message message(String email, String name, String token) {
        String unsubscribeUrl = config.baseUrl() + "/unsubscribe?token=" + token;
        String preferencesUrl = config.baseUrl() + "/preferences?token=" + token;
        String latest = facts.latestIssueUrl().orElse(null);
        String next = facts.nextIssue();
        String archive = config.baseUrl() + "/archive";
        return new Outbox.Message(KIND, email, "Welcome to " + PageGlobals.thePublication(),
                Outbox.render(Templates.welcome(name, next, latest, preferencesUrl, unsubscribeUrl, archive),
                        Variant.TEXT_HTML),
                Outbox.render(Templates.welcome(name, next, latest, preferencesUrl, unsubscribeUrl, archive),
                        Variant.TEXT_PLAIN),
                ListHeaders.of(ListHeaders.listId(config.publicationName(), ListHeaders.hostOf(config.baseUrl())),
                        unsubscribeUrl, UnsubscribeSubject.mailto(config.unsubscribeMailbox(), token)));
    }
}
