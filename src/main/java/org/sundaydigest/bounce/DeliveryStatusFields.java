package org.sundaydigest.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import org.sundaydigest.common.Text;
import org.sundaydigest.mail.Verp;

/**
 * What the text of a bounce says. The machine-readable part of a delivery status notification (RFC 3464) or of a
 * feedback report (RFC 5965), and the headers of a returned message, are blocks of {@code Name: value} lines separated
 * by blank lines, parsed by hand: {@code InternetHeaders} cannot tell the end of the text from an empty block. Other
 * bounces say it in words, of which a few common ones are known here.
 */
final class DeliveryStatusFields {

    /** One recipient a delivery report says the mail system gave up on. */
    record Failure(Report.Kind kind, String email, String reason) {
    }

    /** A simple address, to find one in the words of a mail system; bounded, as the words may be anyone's. */
    private static final Pattern ADDRESS = Pattern
            .compile("[\\w.+'=-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}");

    /** The feedback types that mean the reader does not want the mail; {@code not-spam} means the opposite. */
    static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus", "other");

    private static final Pattern TYPE = Pattern.compile("\\s*[A-Za-z][\\w.-]*\\s*;\\s*");
    private static final Pattern ENHANCED_STATUS = Pattern.compile("\\b([245])\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final Pattern REPLY_CODE = Pattern.compile("\\b([245])\\d\\d\\b");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^>\\s]{1,250}>");
    private static final Pattern REDACTED = Pattern.compile("(?i).*redacted.*|[x*#.]+");
    /** An enhanced status code (RFC 3463) standing alone: {@code 5.1.1}, not a part of an IP address. */
    private static final String CODE = "(?<![\\d.])%s\\.\\d{1,3}\\.\\d{1,3}\\b(?!\\.\\d)";
    private static final Pattern PERMANENT = Pattern.compile("(?i)" + CODE.formatted("5") + "|\\b55[0-4]\\b"
            + "|user unknown|no such user|does not exist|mailbox unavailable|address rejected|invalid recipient");
    private static final Pattern TEMPORARY = Pattern
            .compile("(?i)" + CODE.formatted("4") + "|mailbox full|over quota|quota exceeded|temporarily");
    /** A warning that the mail system is still trying: like {@code Action: delayed}, no failure yet. */
    private static final Pattern STILL_TRYING = Pattern
            .compile("(?i)has not yet been delivered|delivery attempts will continue|will be retried");
    /** Where a bounce starts quoting the returned message, whose own words diagnose nothing. */
    private static final Pattern QUOTED_COPY = Pattern
            .compile("(?im)^[ \\t]*--[^\\n]{0,100}?(copy of the message|original message|message follows)");

    private DeliveryStatusFields() {
    }

    /** At most {@code limit} bytes of the part's decoded content, as text in its charset (UTF-8 when unknown). */
    static String text(Part part, int limit) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            charset = name == null ? charset : Charset.forName(MimeUtility.javaCharset(name));
        } catch (MessagingException | IllegalArgumentException e) {
            // A garbled or unknown charset: UTF-8 still reads the ASCII that fields and status codes are written in.
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(Math.max(0, limit)), charset);
        }
    }

    /**
     * The blocks of fields in the text, each with lower-cased names and the first value of each name, folded lines
     * joined; empty blocks (two blank lines in a row) are skipped.
     */
    static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\\r\\n|\\r|\\n")) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new LinkedHashMap<>();
                }
                current = null;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current != null) {
                    block.put(current, (block.get(current) + " " + line.strip()).strip());
                }
            } else {
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
                // A repeated field keeps its first value, and its folded lines must not join that one.
                current = name != null && !block.containsKey(name) ? name : null;
                if (current != null) {
                    block.put(current, line.substring(colon + 1).strip());
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** The first value of the field in any of the blocks, or null. */
    static String first(List<Map<String, String>> blocks, String name) {
        return blocks.stream().map(block -> Text.blankToNull(block.get(name))).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    /** The Message-ID in a header's value: the part in angle brackets, or the whole value when it has none. */
    static String messageIdIn(String value) {
        Matcher id = MESSAGE_ID.matcher(value == null ? "" : value);
        return id.find() ? id.group() : Text.blankToNull(value);
    }

    /** The value without its type: {@code a@b} for {@code rfc822; a@b}, {@code 550 …} for {@code smtp; 550 …}. */
    static String withoutType(String value) {
        if (value == null) {
            return null;
        }
        Matcher type = TYPE.matcher(value);
        return Text.blankToNull(type.lookingAt() ? value.substring(type.end()) : value);
    }

    /**
     * The recipients a delivery report says failed. Only {@code Action: failed} counts: {@code delayed} means the mail
     * system is still trying, and {@code delivered}, {@code relayed} and {@code expanded} are no failure at all.
     */
    static List<Failure> failures(List<Map<String, String>> blocks) {
        List<Failure> failures = new ArrayList<>();
        for (Map<String, String> block : blocks) {
            String action = block.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
            if (!action.startsWith("failed")) {
                continue;
            }
            String recipient = withoutType(block.get("final-recipient"));
            String email = address(recipient != null ? recipient : withoutType(block.get("original-recipient")));
            if (email == null) {
                // RFC 3464 requires the recipient: a block without one is broken, whatever else it names.
                continue;
            }
            String status = Text.blankToNull(block.get("status"));
            String diagnostic = withoutType(block.get("diagnostic-code"));
            String reason = status == null ? diagnostic : diagnostic == null ? status : status + " " + diagnostic;
            failures.add(new Failure(kind(status, diagnostic), email, reason));
        }
        return failures;
    }

    /**
     * Permanent for a 5.x.x status, temporary for 4.x.x (a failure with a temporary status is a message whose time in
     * the queue ran out). Without a readable status the diagnostic's reply code decides; without either the failure
     * counts as temporary, so that a garbled report alone cannot take a reader off the list.
     */
    static Report.Kind kind(String status, String diagnostic) {
        Matcher enhanced = ENHANCED_STATUS.matcher(status == null ? "" : status);
        if (enhanced.find()) {
            return "5".equals(enhanced.group(1)) ? Report.Kind.PERMANENT : Report.Kind.TEMPORARY;
        }
        Matcher reply = REPLY_CODE.matcher(diagnostic == null ? "" : diagnostic);
        return reply.find() && "5".equals(reply.group(1)) ? Report.Kind.PERMANENT : Report.Kind.TEMPORARY;
    }

    /**
     * The failure a bounce without a delivery-status part describes in words, or null when it describes none. Only the
     * text before the quoted copy of the returned message counts, as the copy's own words could read like a diagnosis;
     * permanent wording wins over temporary, and a warning that delivery goes on is no failure.
     */
    static Failure inWords(String text, String bounce) {
        Matcher copy = QUOTED_COPY.matcher(text);
        String diagnosis = copy.find() ? text.substring(0, copy.start()) : text;
        Matcher permanent = PERMANENT.matcher(diagnosis);
        Matcher temporary = TEMPORARY.matcher(diagnosis);
        Matcher found = permanent.find() ? permanent
                : STILL_TRYING.matcher(diagnosis).find() || !temporary.find() ? null : temporary;
        if (found == null) {
            return null;
        }
        String recipient = null;
        for (String address : addresses(diagnosis)) {
            String local = address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT);
            // The first address that is not the service's own nor the mail system's: the recipient it gave up on.
            if (!address.equalsIgnoreCase(bounce) && Verp.idIn(address, bounce).isEmpty() && !local.equals("postmaster")
                    && !local.equals("mailer-daemon")) {
                recipient = address(address);
                break;
            }
        }
        int start = diagnosis.lastIndexOf('\n', found.start()) + 1;
        int end = diagnosis.indexOf('\n', found.start());
        Report.Kind kind = found == permanent ? Report.Kind.PERMANENT : Report.Kind.TEMPORARY;
        return new Failure(kind, recipient, diagnosis.substring(start, end < 0 ? diagnosis.length() : end));
    }

    /** The address the value is (in angle brackets or not), or null when it is none or a redacted one. */
    static String address(String value) {
        if (value == null) {
            return null;
        }
        String bare = value.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1).strip();
        }
        if (!ADDRESS.matcher(bare).matches() || REDACTED.matcher(bare.substring(0, bare.lastIndexOf('@'))).matches()) {
            return null;
        }
        return bare;
    }

    /** Every address in the text, in order. */
    static List<String> addresses(String text) {
        return ADDRESS.matcher(text == null ? "" : text).results().map(MatchResult::group).toList();
    }

    /** The VERP id of the first address in the text that is the bounce address with one, or null. */
    static String verpIn(String text, String bounce) {
        return addresses(text).stream().map(address -> Verp.idIn(address, bounce)).flatMap(Optional::stream).findFirst()
                .orElse(null);
    }
}
