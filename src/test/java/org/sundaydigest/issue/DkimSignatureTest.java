package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.sundaydigest.testing.Api.asEditor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * DKIM as a receiving mail server checks it. Digests go through the real mailer to GreenMail, signed with a key made
 * for the run, and their bytes as they arrived are verified by an independent implementation, Apache James jDKIM, not
 * by the Vert.x code that signed them: one implementation on both sides would agree with itself even where it is wrong.
 * The public key record is served from memory, so no DNS is asked.
 * <p>
 * The profile sets no {@code quarkus.mailer.dkim.signed-headers}: the list that application.properties ships must by
 * itself cover the one-click unsubscribe headers, which RFC 8058 wants signed (mailbox providers ignore them
 * otherwise).
 */
@QuarkusTest
@TestProfile(DkimSignatureTest.Signing.class)
@WithTestResource(GreenMailResource.class)
class DkimSignatureTest {

    /** The signing domain: that of {@code digest.from} in the tests (digest@example.org), so that DMARC aligns. */
    static final String DOMAIN = "example.org";
    static final String SELECTOR = "sunday";

    /** What the signature must cover: who and what, and the one-click unsubscribe with the list it belongs to. */
    private static final List<String> MUST_SIGN = List.of("from", "to", "subject", "date", "message-id", "list-id",
            "list-unsubscribe", "list-unsubscribe-post");

    private static final String TITLE = "Harbour ferry returns";

    /**
     * Signing on, with a fresh key file, and the signing domain and selector an operator sets; the signed headers are
     * left to application.properties.
     */
    public static class Signing implements QuarkusTestProfile {

        /**
         * Made once for the class. Should the class be loaded again for the application, the test still checks against
         * the right key: it takes the public half from the file the application was given.
         */
        static final String PRIVATE_KEY_FILE = newPrivateKeyFile();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.dkim.enabled", "true", "quarkus.mailer.dkim.private-key-path",
                    PRIVATE_KEY_FILE, "quarkus.mailer.dkim.sdid", DOMAIN, "quarkus.mailer.dkim.selector", SELECTOR);
        }

        /** A 2048-bit RSA key as docs/operations.md has operators write it: PKCS#8, base64, no BEGIN/END lines. */
        private static String newPrivateKeyFile() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                Path file = Files.createTempFile("sunday-digest-dkim-", ".key");
                file.toFile().deleteOnExit();
                // In lines of 64, as `grep -v -- ----- dkim.pem` leaves the openssl output.
                String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pkcs8);
                Files.writeString(file, base64 + "\n", StandardCharsets.US_ASCII);
                return file.toString();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the test's DKIM key", e);
            }
        }
    }

    @InjectMailbox
    Mailbox mailbox;

    private final List<Reader> readers = new ArrayList<>();

    /** Answers for the one published key, as DNS would for a TXT query; anything else has no key. */
    private PublicKeyRecordRetriever publishedKeys;

    @BeforeEach
    void publishThePublicKey() throws IOException, GeneralSecurityException {
        String keyFile = ConfigProvider.getConfig().getValue("quarkus.mailer.dkim.private-key-path", String.class);
        String record = "v=DKIM1; k=rsa; p=" + publicKeyOf(Path.of(keyFile));
        publishedKeys = (method, selector, domain) -> {
            String name = selector + "._domainkey." + domain;
            if (name.equalsIgnoreCase(SELECTOR + "._domainkey." + DOMAIN)) {
                return List.of(record);
            }
            throw new PermFailException("no DKIM key is published at " + name);
        };
    }

    @AfterEach
    void retireReaders() {
        Readers.retire(readers);
    }

    @Test
    void aDigestIsSignedWithoutASignedHeadersSettingAndTheSignatureCoversOneClick() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, TITLE, "News");
        String editor = Api.uniqueEmail("dkim-editor");
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, "dkim-reader").get(0);
        readers.add(reader);

        sendTestCopy(date, editor);
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);

        assertSignedCoveringOneClick("the test copy", arrived(editor));
        assertSignedCoveringOneClick("the reader's copy", arrived(reader.email()));
    }

    @Test
    void aCopyWithOneLetterChangedInTheBodyOrTheSubjectNoLongerVerifies() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, TITLE, "News");
        String editor = Api.uniqueEmail("dkim-tamper");
        sendTestCopy(date, editor);
        byte[] raw = arrived(editor);
        assertThat(verified("the copy as it arrived", raw)).hasSize(1);

        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n") + 4;
        byte[] changedBody = changeOnce(text, body, text.length(), "ferry", "ferny");
        assertThatThrownBy(() -> verify(changedBody)).as("one letter changed in the body")
                .isInstanceOf(PermFailException.class).hasMessageContaining("bodyhash");

        int subject = text.indexOf("\r\nSubject:");
        assertThat(subject).as("where the Subject field starts").isPositive();
        byte[] changedSubject = changeOnce(text, subject, body, "ferry", "ferny");
        assertThatThrownBy(() -> verify(changedSubject)).as("one letter changed in the Subject")
                .isInstanceOf(PermFailException.class).hasMessageContaining("signature does not verify");
    }

    /**
     * The mailer writes a subject with letters beyond ASCII as encoded words and folds it; the fold arrives as CRLF
     * whatever the mailer wrote. It verifies as long as headers are signed with relaxed canonicalization
     * ({@code quarkus.mailer.dkim.header-canon-algo=relaxed}); with the mailer's default, simple, it does not.
     */
    @Test
    void aLongSubjectWithLettersBeyondAsciiThatTheMailerFoldsStillVerifies() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Caf\u00e9 owners say the harbour\u2019s new ferry timetable leaves the island without an"
                + " evening boat", "News");
        String editor = Api.uniqueEmail("dkim-folded");
        sendTestCopy(date, editor);
        byte[] raw = arrived(editor);

        assertThat(rawField(headerSection(raw), "Subject")).as("the Subject as it arrived: encoded words, folded")
                .startsWithIgnoringCase("Subject: =?UTF-8?Q?").contains("\r\n ");
        assertThat(verified("a copy with a folded Subject", raw)).hasSize(1);
    }

    private static void sendTestCopy(LocalDate date, String to) {
        asEditor().body(Map.of("to", List.of(to))).when().post("/api/digests/" + date + "/test").then().statusCode(200);
    }

    /**
     * The one message to the address, as GreenMail received it. GreenMail parses the SMTP data once into a MimeMessage
     * that nothing changes afterwards; writing out such an unchanged parsed message gives back its header lines as they
     * came (folding kept, each line ended by CRLF) and its body bytes untouched. {@code GreenMailUtil.getWholeMessage}
     * is the same call, trimmed, as a string. GreenMail's own Return-Path and Received on top are not signed.
     */
    private byte[] arrived(String address) {
        List<MimeMessage> received = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailbox.to(address), messages -> !messages.isEmpty());
        assertThat(received).as("messages to %s", address).hasSize(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            received.get(0).writeTo(bytes);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** jDKIM checks the body hash and the signature; then what the one signature covers. */
    private void assertSignedCoveringOneClick(String which, byte[] raw) {
        String headers = headerSection(raw);
        assertThat(unfoldedFields(headers, "List-Unsubscribe")).as("List-Unsubscribe of %s", which).hasSize(1);
        assertThat(unfoldedFields(headers, "List-Unsubscribe-Post")).as("List-Unsubscribe-Post of %s", which)
                .containsExactly("List-Unsubscribe=One-Click");
        List<String> signatures = unfoldedFields(headers, "DKIM-Signature");
        assertThat(signatures).as("DKIM-Signature fields of %s", which).hasSize(1);

        List<SignatureRecord> verified = verified(which, raw);
        assertThat(verified).as("signatures of %s that verify", which).hasSize(1);
        SignatureRecord signature = verified.get(0);
        assertThat(signature.getDToken().toString()).as("d= of %s", which).isEqualTo(DOMAIN);
        assertThat(signature.getSelector().toString()).as("s= of %s", which).isEqualTo(SELECTOR);

        List<String> signed = Arrays.stream(tag(signatures.get(0), "h").split(":"))
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();
        assertThat(signed).as("h= of %s", which).containsAll(MUST_SIGN);
        assertThat(signature.getHeaders()).as("the headers of the signature that verified")
                .extracting(name -> name.toString().strip().toLowerCase(Locale.ROOT)).isEqualTo(signed);
    }

    /** The signatures that verify; a failure is the assertion's message. */
    private List<SignatureRecord> verified(String which, byte[] raw) {
        try {
            return verify(raw);
        } catch (FailException e) {
            throw new AssertionError("jDKIM rejects " + which + ": " + e.getMessage(), e);
        }
    }

    /** jDKIM's verdict: the signatures that verified (null when there is none at all), or why none did. */
    private List<SignatureRecord> verify(byte[] raw) throws FailException {
        try {
            return new DKIMVerifier(publishedKeys).verify(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message with the first {@code word} between {@code from} and {@code to} replaced, as bytes. */
    private static byte[] changeOnce(String message, int from, int to, String word, String replacement) {
        int at = message.indexOf(word, from);
        assertThat(at).as("where %s is to be changed", word).isNotNegative().isLessThan(to);
        return (message.substring(0, at) + replacement + message.substring(at + word.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The header lines, up to the empty line. */
    private static String headerSection(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("the end of the header").isPositive();
        return text.substring(0, end);
    }

    /** The values of every field of this name, unfolded (RFC 5322: a CRLF before white space removed). */
    private static List<String> unfoldedFields(String headers, String name) {
        return Arrays.stream(headers.replaceAll("\r\n(?=[ \t])", "").split("\r\n"))
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).toList();
    }

    /** The first field of this name as it arrived, folding and all; null when there is none. */
    private static String rawField(String headers, String name) {
        String[] lines = headers.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                StringBuilder field = new StringBuilder(lines[i]);
                while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                    field.append("\r\n").append(lines[++i]);
                }
                return field.toString();
            }
        }
        return null;
    }

    /** A tag's value in a DKIM tag list, its folding white space removed. */
    private static String tag(String tagList, String name) {
        for (String tag : tagList.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0 && tag.substring(0, equals).strip().equals(name)) {
                return tag.substring(equals + 1).replaceAll("[ \t\r\n]", "");
            }
        }
        throw new AssertionError("no " + name + "= tag in " + tagList);
    }

    /** The public half of the RSA key in the file, base64 (X.509 SubjectPublicKeyInfo), as the p= of a key record. */
    private static String publicKeyOf(Path privateKeyFile) throws IOException, GeneralSecurityException {
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(privateKeyFile, StandardCharsets.US_ASCII));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()))
                .getEncoded();
        return Base64.getEncoder().encodeToString(publicKey);
    }
}
