package org.sundaydigest.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/** What the GreenMail server received, read back as MIME the way a mail client would. */
public class Mailbox {

    private final GreenMail greenMail;

    Mailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Every message delivered to this address so far. */
    public List<MimeMessage> to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isAddressedTo(m, address)).toList();
    }

    /** Waits up to ten seconds until at least {@code count} messages reached the address, and returns them all. */
    public List<MimeMessage> awaitTo(String address, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<MimeMessage> received = to(address);
        while (received.size() < count && System.nanoTime() < deadline) {
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
            received = to(address);
        }
        return received;
    }

    /** Every message received so far, by lower-cased recipient address. */
    public Map<String, List<MimeMessage>> byRecipient() {
        Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                for (var recipient : message.getAllRecipients()) {
                    byRecipient.computeIfAbsent(recipient.toString().toLowerCase(), r -> new ArrayList<>())
                            .add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byRecipient;
    }

    /** Sends a plain email through the server, as a reader's mail client would. */
    public void deliver(String from, String to, String subject, String body) {
        GreenMailUtil.sendTextEmail(to, from, subject, body, greenMail.getSmtp().getServerSetup());
    }

    /** Messages waiting in the unsubscribe mailbox (not yet deleted by the service). */
    public int unsubscribeMailboxSize() {
        try {
            return greenMail.getManagers().getImapHostManager()
                    .getInbox(greenMail.getUserManager().getUser(GreenMailResource.UNSUBSCRIBE_ADDRESS))
                    .getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts an email straight into the bounce mailbox, as the bounce address's mail server would. */
    public void deliverToBounceMailbox(MimeMessage email) {
        try {
            greenMail.getUserManager().getUser(GreenMailResource.BOUNCE_ADDRESS).deliver(email);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the bounce mailbox, so that a test sees only what it put there. */
    public void clearBounceMailbox() {
        try {
            greenMail.getManagers().getImapHostManager()
                    .getInbox(greenMail.getUserManager().getUser(GreenMailResource.BOUNCE_ADDRESS)).deleteAllMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emails in the bounce mailbox (not yet deleted by the service), with their flags. */
    public List<StoredMessage> bounceMailbox() {
        try {
            return greenMail.getManagers().getImapHostManager()
                    .getInbox(greenMail.getUserManager().getUser(GreenMailResource.BOUNCE_ADDRESS)).getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int total() {
        return greenMail.getReceivedMessages().length;
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given type ({@code text/plain} or {@code text/html}) of a multipart/alternative. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            return findPart(message.getContent(), mimeType)
                    .orElseThrow(() -> new AssertionError("no " + mimeType + " part in the message"));
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> findPart(Object content, String mimeType) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return Optional.of(part.getContent().toString());
                }
                Optional<String> nested = findPart(part.getContent(), mimeType);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /** Every URL in the text that starts with the prefix. */
    public static List<String> links(String text, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "[^\\s\"<>]*").matcher(text);
        List<String> links = new ArrayList<>();
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    /** The names of the message's headers that have no value: none should. */
    public static List<String> emptyHeaders(MimeMessage message) {
        try {
            return java.util.Collections.list(message.getAllHeaders()).stream()
                    .filter(h -> h.getValue() == null || h.getValue().isBlank()).map(jakarta.mail.Header::getName)
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
