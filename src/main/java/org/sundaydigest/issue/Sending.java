package org.sundaydigest.issue;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the digest needs of the sending engine, which the delivery feature provides: the digest decides when an issue
 * starts sending, the engine does the sending.
 */
public interface Sending {

    /** Creates the issue's deliveries, one per reader active now, inside the caller's transaction; returns how many. */
    int enrol(long issueId, Instant now);

    /** Asks this instance's engine to work on the issues being sent now rather than at its next poll. */
    void wake();

    /** Where the issue's send stands. */
    Progress progress(long issueId);

    /**
     * Puts failed recipients who are still active back in line, inside the caller's transaction; returns how many.
     */
    int retryFailed(long issueId, Instant now);

    /** Up to {@code max} recipients whose copy failed for good, with the last error, most recent first. */
    List<Failure> failures(long issueId, int max);

    /** Writes each recipient's outcome as CSV, streamed from the database. */
    void writeCsv(long issueId, Writer out) throws IOException;

    /**
     * Counters of one send; {@code perMinute} is the rate over the last minute, {@code eta} null when unknown.
     * {@code bounced} and {@code complaints} count sent copies that mail systems reported on afterwards.
     */
    record Progress(long recipients, long sent, long deferred, long failed, long pending, long skipped, long bounced,
            long complaints, long perMinute, Instant eta) {

        public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0, 0, 0, null);

        /** Complaints per sent copy, as a fraction: mailbox providers start refusing mail above 0.003. */
        public double complaintRate() {
            return sent == 0 ? 0 : (double) complaints / sent;
        }

        /** The complaint rate in per cent, two decimals. */
        public String complaintPercent() {
            return String.format(Locale.ROOT, "%.2f", complaintRate() * 100);
        }

        /** {@code ok}; {@code warning} above 0.1 %; {@code alarm} above 0.3 %, where Gmail and Yahoo refuse mail. */
        public String complaintLevel() {
            double rate = complaintRate();
            return rate > 0.003 ? "alarm" : rate > 0.001 ? "warning" : "ok";
        }

        /** The share of recipients whose copy is settled (sent, failed or skipped), 0 to 100. */
        public int percentDone() {
            return recipients == 0 ? 0 : (int) ((sent + failed + skipped) * 100 / recipients);
        }
    }

    /** A recipient whose copy failed: the address, the attempts made and the relay's last answer. */
    record Failure(String email, int attempts, String reason, Instant at) {
    }
}
