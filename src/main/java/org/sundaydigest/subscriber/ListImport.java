package org.sundaydigest.subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Text;
import org.sundaydigest.common.TokenGenerator;

/**
 * The subscriber feature's side of importing a list: one batch of rows at a time, in the caller's transaction. Nobody
 * who left, bounced or was erased is made active; active readers are left as they are; addresses are merged
 * case-insensitively, so a second import of the same file changes nothing.
 */
@ApplicationScoped
public class ListImport {

    /** A row to import; {@code excluded} says why the file itself says not to (then it is skipped). */
    public record Candidate(long line, String email, String name, List<String> sections, Instant consentedAt, String ip,
            String source, String excluded) {
    }

    /** Who imports which file: goes into every consent event the import records. */
    public record Provenance(String account, String fileName, String contentSha256) {
    }

    /** What became of a row. */
    public enum Kind {
        CREATED, UPDATED, UNCHANGED, SKIPPED
    }

    /** A row's outcome; {@code note} says why it was skipped, or which sections were left out. */
    public record Outcome(long line, Kind kind, String field, String note) {
    }

    @Inject
    DigestConfig config;

    @Inject
    TokenGenerator tokens;

    @Inject
    ConfirmationMail confirmationMail;

    /**
     * Imports a batch. {@code reconfirm}: new readers are pending and get a confirmation email at the time
     * {@code nextEmailAt} gives; otherwise they are active on the file's consent. {@code dryRun}: nothing is written.
     */
    @Transactional(TxType.MANDATORY)
    public List<Outcome> apply(List<Candidate> batch, boolean reconfirm, boolean dryRun, Provenance provenance,
            Instant now, Supplier<Instant> nextEmailAt) {
        Map<String, Subscriber> existing = new HashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        batch.forEach(c -> keys.add(Subscriber.keyOf(c.email())));
        Subscriber.<Subscriber> list("emailKey in ?1", keys).forEach(s -> existing.put(s.emailKey, s));
        Set<String> suppressed = new HashSet<>(Suppression.getEntityManager()
                .createQuery("select s.emailHash from Suppression s where s.emailHash in :hashes", String.class)
                .setParameter("hashes", keys.stream().map(Suppression::hashOf).toList()).getResultList());
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Candidate row : batch) {
            String key = Subscriber.keyOf(row.email());
            Subscriber reader = existing.get(key);
            if (seen.contains(key)) {
                outcomes.add(new Outcome(row.line(), Kind.UNCHANGED, "email", "the same address as an earlier row"));
            } else if (row.excluded() != null) {
                outcomes.add(new Outcome(row.line(), Kind.SKIPPED, "email", row.excluded()));
            } else if (reader != null && reader.status != SubscriberStatus.PENDING) {
                outcomes.add(reader.status == SubscriberStatus.ACTIVE
                        ? new Outcome(row.line(), Kind.UNCHANGED, null, null) : new Outcome(row.line(), Kind.SKIPPED,
                                "email", "the reader is " + reader.status.name().toLowerCase(Locale.ROOT) + " here"));
            } else if (suppressed.contains(Suppression.hashOf(key))) {
                outcomes.add(new Outcome(row.line(), Kind.SKIPPED, "email",
                        "the address was erased or reported a digest as spam"));
            } else if (reader != null && reconfirm) {
                outcomes.add(new Outcome(row.line(), Kind.UNCHANGED, null, "already awaiting confirmation"));
            } else {
                // Only an address this batch made or changed counts as seen: any other repeat is judged by the
                // database, as it would be in a later batch and in a dry run.
                seen.add(key);
                outcomes.add(importOne(row, reader, reconfirm, dryRun, provenance, now, nextEmailAt));
            }
        }
        return outcomes;
    }

    private Outcome importOne(Candidate row, Subscriber pending, boolean reconfirm, boolean dryRun,
            Provenance provenance, Instant now, Supplier<Instant> nextEmailAt) {
        List<String> sections = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String section : row.sections()) {
            config.sections().stream().filter(known -> known.equalsIgnoreCase(section.trim())).findFirst()
                    .ifPresentOrElse(sections::add, () -> unknown.add(section));
        }
        String note = unknown.isEmpty() ? null : "unknown sections left out: " + String.join(", ", unknown);
        Kind kind = pending == null ? Kind.CREATED : Kind.UPDATED;
        if (dryRun) {
            return new Outcome(row.line(), kind, unknown.isEmpty() ? null : "sections", note);
        }
        Subscriber reader = pending != null ? pending : Subscriber.signUp(row.email(), tokens, now);
        ConsentEvent.Type type;
        if (reconfirm) {
            String token = reader.requestConfirmation(row.name(), sections, tokens, now,
                    config.subscription().confirmationTtl(), config.subscription().resendInterval()).orElseThrow();
            confirmationMail.enqueueAt(reader.email, token, nextEmailAt.get());
            type = ConsentEvent.Type.SIGNUP;
        } else {
            reader.changePreferences(row.name(), sections);
            reader.activateByImport(now);
            type = ConsentEvent.Type.CONFIRM;
        }
        ConsentEvent event = new ConsentEvent();
        event.subscriber = reader;
        event.type = type;
        event.occurredAt = row.consentedAt() == null ? now : row.consentedAt();
        event.channel = Channel.IMPORT;
        event.ip = row.ip();
        event.detail = detail(row, provenance);
        reader.consentEvents.add(event);
        if (pending == null) {
            reader.persist();
        }
        return new Outcome(row.line(), kind, unknown.isEmpty() ? null : "sections", note);
    }

    private static String detail(Candidate row, Provenance provenance) {
        // The hash and the account first, the file's own words last: a long or crafted source cannot push them out.
        String source = row.source() == null ? "" : row.source().replace(';', ',');
        String detail = "sha256=" + provenance.contentSha256() + "; account=" + provenance.account() + "; file="
                + provenance.fileName().replace(';', ',') + "; source=" + source;
        return Text.clip(detail, 500);
    }
}
