package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

class OutcomeTest {

    private static Outcome reply(int code, String text) {
        return Outcome
                .of(new CompletionException(new SMTPException("RCPT TO", code, List.of(code + " " + text), true)));
    }

    @Test
    void aTemporaryReplyDefers() {
        Outcome outcome = reply(452, "4.2.2 Mailbox full for now");
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEFERRED);
        assertThat(outcome.slowDown()).isFalse();
        assertThat(outcome.reason()).contains("452 4.2.2 Mailbox full");
    }

    @Test
    void throttlingRepliesDeferAndSlowTheSendDown() {
        for (int code : new int[] { 421, 450, 451, 454 }) {
            Outcome outcome = reply(code, "4.7.0 Try again later");
            assertThat(outcome.kind()).as("reply %d", code).isEqualTo(Outcome.Kind.DEFERRED);
            assertThat(outcome.slowDown()).as("reply %d", code).isTrue();
            assertThat(outcome.bounce()).isFalse();
        }
    }

    @Test
    void aMissingMailboxFailsAndBounces() {
        assertThat(reply(550, "5.1.1 User unknown")).extracting(Outcome::kind, Outcome::bounce)
                .containsExactly(Outcome.Kind.FAILED, true);
        assertThat(reply(550, "5.2.1 Mailbox disabled").bounce()).isTrue();
        assertThat(reply(553, "Mailbox name not allowed").bounce()).isTrue();
        assertThat(reply(550, "No such user here").bounce()).isTrue();
    }

    @Test
    void aPolicyOrContentRefusalFailsWithoutBouncingTheReader() {
        assertThat(reply(554, "5.7.1 Rejected by policy")).extracting(Outcome::kind, Outcome::bounce)
                .containsExactly(Outcome.Kind.FAILED, false);
        assertThat(reply(550, "5.7.1 Spam suspected").bounce()).isFalse();
        assertThat(reply(552, "5.2.2 Mailbox full").bounce()).isFalse();
        assertThat(reply(554, "Transaction failed").bounce()).isFalse();
    }

    @Test
    void noConnectionOrABrokenOneDefersAndSlowsDown() {
        for (Throwable failure : List.of(new ConnectException("Connection refused"),
                new CompletionException(new IOException("Broken pipe")), new io.smallrye.mutiny.TimeoutException())) {
            Outcome outcome = Outcome.of(failure);
            assertThat(outcome.kind()).as(failure.toString()).isEqualTo(Outcome.Kind.DEFERRED);
            assertThat(outcome.slowDown()).isTrue();
        }
    }

    @Test
    void anythingElseFailsWithItsMessage() {
        Outcome outcome = Outcome.of(new IllegalArgumentException("bad address"));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(outcome.reason()).contains("bad address");
    }
}
