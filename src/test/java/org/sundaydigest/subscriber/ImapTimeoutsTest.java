package org.sundaydigest.subscriber;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.MailboxSettings;
import org.sundaydigest.testing.SilentServer;

/**
 * An IMAP server that accepts the connection and then says nothing must not hold the mailbox poll for good: the session
 * the service opens gives up after its timeout.
 */
class ImapTimeoutsTest {

    @Test
    void aServerThatNeverAnswersFailsTheReadInsteadOfBlockingThePoll() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Session session = Session.getInstance(MailboxSettings.imapProperties(Duration.ofSeconds(1)));

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Store store = session.getStore("imap")) {
                    assertThatThrownBy(() -> store.connect("127.0.0.1", silent.port(), "user", "password"))
                            .isInstanceOf(MessagingException.class);
                }
            });
        }
    }
}
