package org.sundaydigest.subscriber;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;

/**
 * An IMAP server that accepts the connection and then says nothing must not hold the mailbox poll for good: the session
 * the service opens gives up after its timeout.
 */
class ImapTimeoutsTest {

    @Test
    void aServerThatNeverAnswersFailsTheReadInsteadOfBlockingThePoll() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Session session = Session.getInstance(UnsubscribeMailbox.timeouts(Duration.ofSeconds(1)));

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Store store = session.getStore("imap")) {
                    assertThatThrownBy(() -> store.connect("127.0.0.1", silent.getLocalPort(), "user", "password"))
                            .isInstanceOf(MessagingException.class);
                }
            });
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
