package org.sundaydigest.delivery;

import io.quarkus.mailer.Mail;

/** Hands one message to the relay and says how that went; never throws. */
interface Transport {

    Outcome send(Mail mail);
}
