package org.sundaydigest.bounce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.sundaydigest.bounce.DeliveryStatusFields.Failure;
import org.sundaydigest.common.Hashing;
import org.sundaydigest.common.Text;

/**
 * Reads one email from the bounce mailbox: a delivery status notification (RFC 3464), a complaint (RFC 5965), one of
 * the few non-standard bounces common mail systems send, an auto-reply, or something a person has to look at. Each
 * report carries what the email offers to find the copy it is about: the VERP id it came back to, the Message-ID of the
 * returned message, the recipient. Reading never throws: anyone can write to the mailbox, and one odd email must not
 * keep the others from being read.
 */
final class MailReports {

    /** What one email in the bounce mailbox turned out to be. */
    record Reading(Verdict verdict, List<Report> reports, String why) {
    }

    /** What to do with the email. */
    enum Verdict {
        /** Handled: the reports apply, delete the email. */
        REPORTS,
        /** A vacation or auto-reply: nothing to do, delete it. */
        AUTO_REPLY,
        /** Leave it for a person. */
        UNRECOGNIZED
    }

    private static final int TEXT_LIMIT = 64 * 1024;
    private static final int HASH_LIMIT = 1024 * 1024;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_PARTS = 50;
    /** The headers that name where the email was delivered: for a bounce, the VERP address it came back to. */
    private static final String[] ENVELOPE = { "To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To" };
    /** What the sender or subject of a bounce without a delivery-status part says. */
    private static final Pattern BOUNCE = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (sub)?system"
            + "|undelivered mail returned to sender|delivery status notification \\(failure\\)|mail delivery failed"
            + "|undeliverable:|failure notice|returned mail:|delivery failure");
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?iu)automatic reply|automatische antwort"
            + "|^auto:|out of (the )?office|abwesenheit|r[e\\u00e9]ponse automatique|\\bvacation\\b");
    private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^Message-ID:[ \\t]*(<[^>\\s]{1,250}>)");

    /** The ids the email offers, shared by its reports. */
    private record Ids(String verpId, String messageId, String originalTo, Instant at, String emailKey) {
    }

    private MailReports() {
    }

    /**
     * What the email is. One larger than {@code maxBytes} is left for a person unread; {@code bounceAddress} is the
     * plain bounce address ({@code bounces@example.org}), or null to match no VERP address.
     */
    static Reading read(MimeMessage email, String bounceAddress, long maxBytes) {
        try {
            // A store that does not know the size says -1: such an email is read all the same.
            int size = email.getSize();
            return size > maxBytes ? unrecognized("too large: " + size + " bytes") : classify(email, bounceAddress);
        } catch (MessagingException | IOException | RuntimeException e) {
            return unrecognized(Text.clip("unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 200));
        }
    }

    private static Reading classify(MimeMessage email, String bounce) throws MessagingException, IOException {
        // Report types come first: mail systems mark their delivery reports Auto-Submitted too.
        if (email.isMimeType("multipart/report")) {
            String type = String.valueOf(new ContentType(email.getContentType()).getParameter("report-type"));
            if (type.equalsIgnoreCase("delivery-status")) {
                return deliveryStatus(email, bounce, parts(email, 0, new ArrayList<>()));
            }
            if (type.equalsIgnoreCase("feedback-report")) {
                return feedback(email, bounce, parts(email, 0, new ArrayList<>()));
            }
        }
        // Then bounces in words, for the same reason: Exim marks its bounces auto-replied.
        String subject = email.getSubject();
        if (BOUNCE.matcher(email.getHeader("From", ",") + "\n" + subject).find()) {
            return inWords(email, bounce, parts(email, 0, new ArrayList<>()));
        }
        String submitted = email.getHeader("Auto-Submitted", ",");
        boolean autoReply = submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")
                || email.getHeader("X-Autoreply") != null || email.getHeader("X-Autorespond") != null
                || "auto_reply".equalsIgnoreCase(String.valueOf(email.getHeader("Precedence", ",")).strip())
                // Outlook sets this header on much of its mail: only with an auto-reply's subject does it tell.
                || email.getHeader("X-Auto-Response-Suppress") != null && subject != null
                        && AUTO_REPLY_SUBJECT.matcher(subject).find();
        return autoReply ? new Reading(Verdict.AUTO_REPLY, List.of(), "an auto-reply")
                : unrecognized("not a bounce or complaint");
    }

    private static Reading deliveryStatus(MimeMessage email, String bounce, List<Part> parts)
            throws MessagingException, IOException {
        List<Map<String, String>> blocks = fields(parts, "message/delivery-status", "message/global-delivery-status");
        List<Failure> failures = DeliveryStatusFields.failures(blocks);
        if (failures.isEmpty()) {
            return unrecognized("a delivery report with no failed recipient");
        }
        // Postfix names the envelope sender (the VERP address), Gmail the Message-ID of the returned message.
        Ids ids = ids(email, bounce, parts, DeliveryStatusFields.first(blocks, "x-postfix-sender"),
                DeliveryStatusFields.messageIdIn(DeliveryStatusFields.first(blocks, "x-original-message-id")));
        return reading(ids, failures, "a delivery status notification");
    }

    private static Reading feedback(MimeMessage email, String bounce, List<Part> parts)
            throws MessagingException, IOException {
        List<Map<String, String>> blocks = fields(parts, "message/feedback-report");
        String type = String.valueOf(DeliveryStatusFields.first(blocks, "feedback-type")).toLowerCase(Locale.ROOT);
        if (!DeliveryStatusFields.COMPLAINTS.contains(type)) {
            return unrecognized(Text.clip("a feedback report of type " + type, 80));
        }
        String agent = DeliveryStatusFields.first(blocks, "user-agent");
        String recipient = DeliveryStatusFields.address(DeliveryStatusFields.first(blocks, "original-rcpt-to"));
        Failure complaint = new Failure(Report.Kind.COMPLAINT, recipient,
                "complaint: " + type + (agent == null ? "" : " (" + agent + ")"));
        Ids ids = ids(email, bounce, parts, DeliveryStatusFields.first(blocks, "original-mail-from"), null);
        return reading(ids, List.of(complaint), "a feedback report");
    }

    /** A bounce without a delivery-status part, told by the words of its plain text. */
    private static Reading inWords(MimeMessage email, String bounce, List<Part> parts)
            throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part.isMimeType("text/plain") && text.length() < TEXT_LIMIT) {
                text.append(DeliveryStatusFields.text(part, TEXT_LIMIT - text.length())).append('\n');
            }
        }
        Failure failure = DeliveryStatusFields.inWords(text.toString(), bounce);
        if (failure == null) {
            return unrecognized("a bounce that names no failure");
        }
        // The words may quote the returned message: its Return-Path names the VERP address, and its Message-ID.
        Matcher messageId = MESSAGE_ID_LINE.matcher(text);
        Ids ids = ids(email, bounce, parts, text.toString(), messageId.find() ? messageId.group(1) : null);
        return reading(ids, List.of(failure), "a non-standard bounce");
    }

    /**
     * The ids the email offers. The VERP id comes from where the email was delivered, else from the text the caller
     * found (a field, the words), else from the Return-Path of the returned message; the Message-ID is the returned
     * message's, else the one the caller found, never the bounce's own.
     */
    private static Ids ids(MimeMessage email, String bounce, List<Part> parts, String verpText, String messageIdHint)
            throws MessagingException, IOException {
        List<Map<String, String>> returned = fields(parts, "message/rfc822", "text/rfc822-headers", "message/global");
        Map<String, String> original = returned.isEmpty() ? Map.of() : returned.get(0);
        // One text in the order of trust: its first VERP address is the most trusted one.
        StringBuilder places = new StringBuilder();
        for (String header : ENVELOPE) {
            places.append(email.getHeader(header, ",")).append('\n');
        }
        places.append(verpText).append('\n').append(original.get("return-path"));
        String messageId = DeliveryStatusFields.messageIdIn(original.get("message-id"));
        List<String> to = DeliveryStatusFields.addresses(original.get("to"));
        Date sent = email.getSentDate();
        String own = Report.normalizeMessageId(email.getMessageID());
        return new Ids(DeliveryStatusFields.verpIn(places.toString(), bounce),
                messageId != null ? messageId : messageIdHint,
                to.size() == 1 ? DeliveryStatusFields.address(to.get(0)) : null, sent == null ? null : sent.toInstant(),
                own != null ? own : fingerprint(email));
    }

    /** The reports of the failures, but for those naming nothing the service could match to a copy it sent. */
    private static Reading reading(Ids ids, List<Failure> failures, String what) {
        List<Report> reports = new ArrayList<>();
        for (Failure failure : failures) {
            String recipient = failure.email() != null ? failure.email() : ids.originalTo();
            if (recipient != null || ids.verpId() != null || ids.messageId() != null) {
                String key = "mailbox:" + ids.emailKey() + ":"
                        + (recipient == null ? "-" : recipient.toLowerCase(Locale.ROOT)) + ":" + failure.kind();
                reports.add(new Report(Report.Source.MAILBOX, failure.kind(), recipient, ids.verpId(), ids.messageId(),
                        failure.reason(), ids.at(), key));
            }
        }
        return reports.isEmpty() ? unrecognized(what + " that names nothing the service sent")
                : new Reading(Verdict.REPORTS, List.copyOf(reports), what);
    }

    private static Reading unrecognized(String why) {
        return new Reading(Verdict.UNRECOGNIZED, List.of(), why);
    }

    /** The leaves of the part's tree of multiparts, in order; a returned message is a leaf, not looked into. */
    private static List<Part> parts(Part part, int depth, List<Part> parts) throws MessagingException {
        if (!part.isMimeType("multipart/*") || depth >= MAX_DEPTH) {
            if (parts.size() < MAX_PARTS) {
                parts.add(part);
            }
            return parts;
        }
        // Parsed from the data source rather than through getContent(), whatever content handlers are installed.
        MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
        for (int i = 0; i < multipart.getCount() && parts.size() < MAX_PARTS; i++) {
            parts(multipart.getBodyPart(i), depth + 1, parts);
        }
        return parts;
    }

    /** The blocks of fields in the first of the parts of one of the types; none when there is no such part. */
    private static List<Map<String, String>> fields(List<Part> parts, String... types)
            throws MessagingException, IOException {
        for (Part part : parts) {
            for (String type : types) {
                if (part.isMimeType(type)) {
                    return DeliveryStatusFields.blocks(DeliveryStatusFields.text(part, TEXT_LIMIT));
                }
            }
        }
        return List.of();
    }

    /** A fingerprint of the first megabyte of the raw email: the event key of an email without a Message-ID. */
    private static String fingerprint(MimeMessage email) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        email.writeTo(raw);
        byte[] bytes = raw.toByteArray();
        // Latin-1 turns each byte into one char, so the hash of the text is as stable as one of the bytes.
        return Hashing.sha256Hex(new String(bytes, 0, Math.min(bytes.length, HASH_LIMIT), StandardCharsets.ISO_8859_1));
    }
}
