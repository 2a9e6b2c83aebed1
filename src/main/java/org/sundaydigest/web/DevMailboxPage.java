package org.sundaydigest.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * While mail is mocked (the embedded default), shows what was "sent" to an address, with its links clickable, so a
 * newcomer can confirm and unsubscribe without an SMTP server. Answers 404 whenever real mail is sent.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/dev/mailbox")
@Produces(MediaType.TEXT_HTML)
class DevMailboxPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailbox(String to, List<MailView> mails);
    }

    record MailView(String subject, String from, String text, List<String> links) {
        static MailView of(Mail mail) {
            String text = mail.getText() == null ? "" : mail.getText();
            Matcher matcher = LINK.matcher(text);
            List<String> links = matcher.results().map(m -> m.group()).distinct().toList();
            return new MailView(mail.getSubject(), mail.getFrom(), text, links);
        }
    }

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean mock;

    @Inject
    MockMailbox mailbox;

    @GET
    public Response show(@QueryParam("to") String to) {
        if (!mock) {
            return Response.status(404).build();
        }
        String address = to == null ? "" : to.strip();
        List<Mail> sent = address.isEmpty() ? null : mailbox.getMailsSentTo(address);
        List<MailView> mails = new ArrayList<>();
        if (sent != null) {
            sent.forEach(mail -> mails.add(0, MailView.of(mail)));
        }
        return Response.ok(Templates.mailbox(address, mails)).build();
    }
}
