package org.sundaydigest.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.subscriber.SubscriptionFlowTest.consentOf;
import static org.sundaydigest.subscriber.SubscriptionFlowTest.statusOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The mailto: alternative of List-Unsubscribe: an email to the unsubscribe address, read over real IMAP. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class UnsubscribeByEmailTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    UnsubscribeMailbox unsubscribeMailbox;

    @Test
    void anEmailCarryingTheReadersTokenTakesThemOffTheListAndOneWithoutATokenChangesNothing() throws Exception {
        Reader leaving = Readers.insert(1, SubscriberStatus.ACTIVE, "leaving").get(0);
        Reader bystander = Readers.insert(1, SubscriberStatus.ACTIVE, "bystander").get(0);
        int waiting = mailbox.unsubscribeMailboxSize();
        mailbox.deliver(leaving.email(), GreenMailResource.UNSUBSCRIBE_ADDRESS,
                "unsubscribe-" + leaving.unsubscribeToken(), "");
        // Anyone can put any sender on an email, so a sender's address alone unsubscribes nobody.
        mailbox.deliver(bystander.email(), GreenMailResource.UNSUBSCRIBE_ADDRESS, "Unsubscribe", "Please remove me.");
        assertThat(mailbox.unsubscribeMailboxSize()).isEqualTo(waiting + 2);

        assertThat(unsubscribeMailbox.read()).isEqualTo(1);

        assertThat(statusOf(leaving.email())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(consentOf(leaving.email())).containsExactly("UNSUBSCRIBE/MAILTO");
        assertThat(statusOf(bystander.email())).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(mailbox.unsubscribeMailboxSize()).as("the handled email is deleted, the other kept for a person")
                .isEqualTo(waiting + 1);
        assertThat(unsubscribeMailbox.read()).as("emails already read are not read again").isZero();
    }

    @Test
    void aTokenQuotedInTheBodyIsEnoughWhenTheMailClientDroppedTheSubject() throws Exception {
        Reader leaving = Readers.insert(1, SubscriberStatus.ACTIVE, "quoted").get(0);
        mailbox.deliver(leaving.email(), GreenMailResource.UNSUBSCRIBE_ADDRESS, "",
                "> unsubscribe-" + leaving.unsubscribeToken() + "\r\n");

        assertThat(unsubscribeMailbox.read()).isEqualTo(1);
        assertThat(statusOf(leaving.email())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }
}
