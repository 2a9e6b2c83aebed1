package org.sundaydigest.desk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

import org.sundaydigest.common.Text;
import org.sundaydigest.issue.Curation;
import org.sundaydigest.web.ProblemException;

/**
 * The curation form as an editor sent it: the articles kept in ({@code include}), the lead ({@code lead}, "auto" for
 * the composer's choice), a position per article ({@code position-ID}), the subject and the editor's note.
 */
record CurationForm(Set<Long> included, Long lead, Map<String, String> positions, String subject, String note) {

    static final int MAX_SUBJECT = 200;
    static final int MAX_NOTE = 2000;
    /** The most articles a form may name, kept in or left out; the issue stores up to this many of each. */
    static final int MAX_IDS = 1000;

    static CurationForm of(MultivaluedMap<String, String> form) {
        Set<Long> included = new HashSet<>();
        List<String> kept = form.getOrDefault("include", List.of());
        if (kept.size() > MAX_IDS) {
            throw ProblemException.invalidField("include", "names more than " + MAX_IDS + " articles");
        }
        for (String id : kept) {
            included.add(articleId(id));
        }
        String leadChoice = form.getFirst("lead");
        Long lead = leadChoice == null || leadChoice.isBlank() || "auto".equals(leadChoice) ? null
                : articleId(leadChoice);
        Map<String, String> positions = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("position-") && !values.isEmpty()) {
                positions.put(name, values.get(0));
            }
        });
        return new CurationForm(included, lead, positions, form.getFirst("subject"), form.getFirst("editorNote"));
    }

    /**
     * The curation this form asks for, given the articles of the issue's window: those not kept in are excluded, the
     * lead comes first and the others with a position follow in its order.
     */
    Curation toCuration(List<Long> inWindow) {
        List<Long> excluded = inWindow.stream().filter(id -> !included.contains(id)).toList();
        if (excluded.size() > MAX_IDS) {
            throw ProblemException.invalidField("include", "leaves out more than " + MAX_IDS + " articles");
        }
        Map<Long, Integer> order = new LinkedHashMap<>();
        for (Long id : inWindow) {
            String position = positions.get("position-" + id);
            if (position != null && !position.isBlank() && included.contains(id)) {
                try {
                    order.put(id, Integer.parseInt(position.strip()));
                } catch (NumberFormatException e) {
                    throw ProblemException.invalidField("position-" + id, "must be a whole number");
                }
            }
        }
        List<Long> pinned = new ArrayList<>();
        if (lead != null && included.contains(lead)) {
            pinned.add(lead);
        }
        order.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .filter(id -> !pinned.contains(id)).forEach(pinned::add);
        String chosenSubject = Text.blankToNull(subject) == null ? null : Text.cut(subject, MAX_SUBJECT);
        return new Curation(chosenSubject, note == null ? null : Text.cut(note, MAX_NOTE), pinned, excluded);
    }

    private static long articleId(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("article", "must be an article id");
        }
    }
}
