package org.sundaydigest.subscriber;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.sundaydigest.web.CsvDownload;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every reader as CSV, streamed a page at a time (a transaction per page), so that a list of a million leaves the
 * service's memory as it was. The columns are the import's own, so the file can be imported again.
 */
@ApplicationScoped
public class SubscriberExport {

    static final int PAGE = 2000;

    /** Writes the CSV, header first. */
    public static void write(Writer out) throws IOException {
        CsvDownload.writePages(out, "id,email,name,status,sections,created_at,confirmed_at,unsubscribed_at", PAGE, true,
                (after, size) -> QuarkusTransaction.requiringNew().call(() -> page(after, size)));
    }

    /** A page of readers after this id, with their sections joined by {@code ;}. */
    private static List<Object[]> page(long after, int size) {
        EntityManager em = Subscriber.getEntityManager();
        List<Object[]> readers = em.createQuery("""
                select s.id, s.email, s.name, s.status, s.createdAt, s.confirmedAt, s.unsubscribedAt
                from Subscriber s where s.id > :after order by s.id
                """, Object[].class).setParameter("after", after).setMaxResults(size).getResultList();
        if (readers.isEmpty()) {
            return readers;
        }
        Map<Long, List<String>> sections = new LinkedHashMap<>();
        long last = ((Number) readers.get(readers.size() - 1)[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> chosen = em.createNativeQuery("""
                select subscriber_id, section from subscriber_section
                where subscriber_id > :after and subscriber_id <= :last order by subscriber_id, section
                """).setParameter("after", after).setParameter("last", last).getResultList();
        chosen.forEach(row -> sections.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                .add((String) row[1]));
        List<Object[]> rows = new ArrayList<>(readers.size());
        for (Object[] r : readers) {
            long id = ((Number) r[0]).longValue();
            rows.add(new Object[] { id, r[1], r[2], r[3], String.join(";", sections.getOrDefault(id, List.of())), r[4],
                    r[5], r[6] });
        }
        return rows;
    }
}
