package org.sundaydigest.issue;

import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jsoup.nodes.Entities;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Text;
import org.sundaydigest.mail.ListHeaders;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders an issue with Qute. The expensive part, rendering the templates, happens once per issue and choice of
 * sections; what differs per reader (address, unsubscribe link) is put in afterwards by replacing markers, so a
 * reader's copy costs two string replacements.
 */
@ApplicationScoped
public class IssueRenderer {

    /** The token used in previews and test sends: its links lead to the "link not found" page. */
    public static final String SAMPLE_TOKEN = "sample-token";
    public static final String SAMPLE_EMAIL = "reader@example.org";

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    // Random per process, so no article text can contain a marker and have a reader's data put in its place.
    private static final String NONCE = HexFormat.of().formatHex(SecureRandom.getSeed(8));
    static final String EMAIL_MARK = "%%email-" + NONCE + "%%";
    static final String UNSUBSCRIBE_MARK = "%%unsubscribe-" + NONCE + "%%";
    static final String PREFERENCES_MARK = "%%preferences-" + NONCE + "%%";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance issueHtml(DigestView view);

        static native TemplateInstance issueText(DigestView view);
    }

    /** Everything a digest template shows. {@code personal} is false for the public web version. */
    public record DigestView(String publication, IssueContent content, String date, String preheader, String archiveUrl,
            String subscribeUrl, String unsubscribeUrl, String preferencesUrl, String email, String postalAddress,
            List<String> chosenSections, boolean personal) {
    }

    /** An issue rendered for one choice of sections, with markers where each reader's own data goes. */
    public record Rendered(String subject, String html, String text) {

        /** One reader's copy. */
        public Rendered personalize(String email, String unsubscribeUrl, String preferencesUrl) {
            return new Rendered(subject,
                    html.replace(EMAIL_MARK, htmlEscape(email)).replace(UNSUBSCRIBE_MARK, htmlEscape(unsubscribeUrl))
                            .replace(PREFERENCES_MARK, htmlEscape(preferencesUrl)),
                    text.replace(EMAIL_MARK, email).replace(UNSUBSCRIBE_MARK, unsubscribeUrl).replace(PREFERENCES_MARK,
                            preferencesUrl));
        }
    }

    @Inject
    DigestConfig config;

    /** The public URL's host, parsed once: every message's Message-ID needs it. */
    private volatile String host;

    /** The copy for readers who chose these sections (none: all), to be personalized per reader. */
    public Rendered forReaders(IssueContent content, Collection<String> chosenSections) {
        IssueContent theirs = content.forSections(chosenSections);
        DigestView view = view(theirs, List.copyOf(chosenSections), true);
        return new Rendered(theirs.subject(), Templates.issueHtml(view).render(), Templates.issueText(view).render());
    }

    /** The copy a reader without a section choice gets, with the sample address and token: previews and checks. */
    public Rendered sample(IssueContent content) {
        return forReaders(content, List.of()).personalize(SAMPLE_EMAIL, unsubscribeUrl(SAMPLE_TOKEN),
                preferencesUrl(SAMPLE_TOKEN));
    }

    /** The public web version: no address, no token. */
    public String forArchive(IssueContent content) {
        return Templates.issueHtml(view(content, List.of(), false)).render();
    }

    public String unsubscribeUrl(String token) {
        return config.baseUrl() + "/unsubscribe?token=" + token;
    }

    /** The reader's own page, reached with the same token as the way out. */
    public String preferencesUrl(String token) {
        return config.baseUrl() + "/preferences?token=" + token;
    }

    public String archiveUrl(IssueContent content) {
        return config.baseUrl() + "/archive/" + content.sendDate();
    }

    /** The host of the public URL, used in the List-Id and the Feedback-ID. */
    public String host() {
        String known = host;
        if (known == null) {
            known = ListHeaders.hostOf(config.baseUrl());
            host = known;
        }
        return known;
    }

    private DigestView view(IssueContent content, List<String> chosen, boolean personal) {
        return new DigestView(config.publicationName(), content, LONG_DATE.format(content.sendDate()),
                preheader(content), archiveUrl(content), config.baseUrl() + "/subscribe",
                personal ? UNSUBSCRIBE_MARK : null, personal ? PREFERENCES_MARK : null, personal ? EMAIL_MARK : null,
                config.postalAddress(), chosen, personal);
    }

    private static String preheader(IssueContent content) {
        String text = content.editorNote() != null ? content.editorNote()
                : content.lead() != null ? content.lead().title() : "This week's articles";
        text = text.replaceAll("\\s+", " ");
        return Text.clip(text, 140);
    }

    static String htmlEscape(String text) {
        return Entities.escape(text);
    }
}
