package org.sundaydigest.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Issues really sent over SMTP to the tests' readers, and what became of their copies. */
final class Sent {

    private Sent() {
    }

    /** Sends a new issue to every active reader and waits until it is sent; returns its date. */
    static LocalDate issue() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Bounces on " + date, "News");
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        return date;
    }

    /** The copy of the issue of this date that reached the reader. */
    static MimeMessage copy(Mailbox mailbox, Reader reader, LocalDate date) throws MessagingException {
        for (MimeMessage message : mailbox.to(reader.email())) {
            if (("issue-" + date + ":digest:digest.example.test").equals(message.getHeader("Feedback-ID", null))) {
                return message;
            }
        }
        throw new AssertionError("no copy of " + date + " for " + reader.email());
    }

    static String messageId(Mailbox mailbox, Reader reader, LocalDate date) throws MessagingException {
        return copy(mailbox, reader, date).getHeader("Message-ID", null);
    }

    /** The copy's delivery row: status, report and the report's reason. */
    static List<String> row(Reader reader, LocalDate date) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em().createNativeQuery("""
                    select d.status, d.report, d.report_reason from delivery d join digest_issue i on i.id = d.issue_id
                    where d.subscriber_id = :reader and i.send_date = :date
                    """).setParameter("reader", reader.id()).setParameter("date", date).getSingleResult();
            return java.util.Arrays.stream(row).map(v -> v == null ? null : v.toString()).toList();
        });
    }

    /** The reader's consent record, as TYPE/CHANNEL. */
    static List<String> consent(Reader reader) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber> findById(reader.id()).consentEvents
                .stream().map(e -> e.type + "/" + e.channel).toList());
    }

    /** The issue's delivery counters as the API gives them. */
    static Map<String, Object> counters(LocalDate date) {
        return asEditor().when().get("/api/digests/" + date).then().statusCode(200).extract().path("delivery");
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }
}
