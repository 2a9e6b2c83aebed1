package org.sundaydigest.testing;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) on a free port, wired into the mailer; tests read what actually arrived. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    /** The mailbox behind the mailto: unsubscribe link, read over GreenMail's IMAP. */
    public static final String UNSUBSCRIBE_ADDRESS = "unsubscribe@digest.example.test";
    private static final String UNSUBSCRIBE_PASSWORD = "unsubscribe-password";

    /** The bounce address; digest copies are sent from its VERP variants, and reports are put in its mailbox. */
    public static final String BOUNCE_ADDRESS = "bounces@digest.example.test";
    private static final String BOUNCE_PASSWORD = "bounce-password";

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(
                new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });
        greenMail.start();
        greenMail.setUser(UNSUBSCRIBE_ADDRESS, UNSUBSCRIBE_ADDRESS, UNSUBSCRIBE_PASSWORD);
        greenMail.setUser(BOUNCE_ADDRESS, BOUNCE_ADDRESS, BOUNCE_PASSWORD);
        return Map.ofEntries(Map.entry("quarkus.mailer.mock", "false"), Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(greenMail.getSmtp().getPort())),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("digest.unsubscribe-mailbox.address", UNSUBSCRIBE_ADDRESS),
                Map.entry("digest.unsubscribe-mailbox.host", "127.0.0.1"),
                Map.entry("digest.unsubscribe-mailbox.port", String.valueOf(greenMail.getImap().getPort())),
                Map.entry("digest.unsubscribe-mailbox.ssl", "false"),
                Map.entry("digest.unsubscribe-mailbox.user", UNSUBSCRIBE_ADDRESS),
                Map.entry("digest.unsubscribe-mailbox.password", UNSUBSCRIBE_PASSWORD),
                // The tests read the mailboxes when they want to.
                Map.entry("digest.unsubscribe-mailbox.poll", "off"), Map.entry("digest.bounce.address", BOUNCE_ADDRESS),
                Map.entry("digest.bounce-mailbox.host", "127.0.0.1"),
                Map.entry("digest.bounce-mailbox.port", String.valueOf(greenMail.getImap().getPort())),
                Map.entry("digest.bounce-mailbox.ssl", "false"),
                Map.entry("digest.bounce-mailbox.user", BOUNCE_ADDRESS),
                Map.entry("digest.bounce-mailbox.password", BOUNCE_PASSWORD),
                Map.entry("digest.bounce-mailbox.poll", "off"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Mailbox(greenMail),
                new TestInjector.AnnotatedAndMatchesType(InjectMailbox.class, Mailbox.class));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
