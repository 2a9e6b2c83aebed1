package org.sundaydigest.issue;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.sundaydigest.common.Text;

/**
 * Puts an issue together from the window's articles and the editor's curation: excluded articles go, pinned ones lead
 * (the first is the lead story, the others follow as top stories in the given order), the rest are grouped by section
 * in the configured order (unknown sections after them, alphabetically, then articles without a section), newest first
 * within a section. Without a pin, the lead is the newest article of the first section that has any.
 */
public final class Composer {

    static final String UNSECTIONED = "More";
    static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final Comparator<IssueContent.Item> NEWEST_FIRST = Comparator
            .comparing(IssueContent.Item::publishedAt).reversed().thenComparing(IssueContent.Item::id);

    private final List<String> sectionOrder;
    private final String publication;

    public Composer(List<String> sectionOrder, String publication) {
        this.sectionOrder = List.copyOf(sectionOrder);
        this.publication = publication;
    }

    public IssueContent compose(IssueWindow window, List<IssueContent.Item> articles, Curation curation) {
        Set<Long> excluded = Set.copyOf(curation.excluded());
        Map<Long, IssueContent.Item> byId = new LinkedHashMap<>();
        articles.stream().filter(a -> !excluded.contains(a.id())).sorted(NEWEST_FIRST)
                .forEach(a -> byId.putIfAbsent(a.id(), a));

        List<IssueContent.Item> pinned = curation.pinned().stream().distinct().map(byId::get).filter(a -> a != null)
                .toList();
        pinned.forEach(a -> byId.remove(a.id()));
        List<IssueContent.Section> sections = group(byId.values());

        IssueContent.Item lead;
        List<IssueContent.Item> top;
        if (!pinned.isEmpty()) {
            lead = pinned.get(0);
            top = pinned.subList(1, pinned.size());
        } else {
            lead = sections.isEmpty() ? null : sections.get(0).items().get(0);
            top = List.of();
            sections = withoutItem(sections, lead);
        }
        return new IssueContent(window.sendDate(), window.start(), window.end(), subject(curation, window, lead),
                Text.blankToNull(curation.editorNote()), lead, top, sections);
    }

    private List<IssueContent.Section> group(java.util.Collection<IssueContent.Item> articles) {
        Map<String, List<IssueContent.Item>> known = new LinkedHashMap<>();
        sectionOrder.forEach(name -> known.put(name.toLowerCase(Locale.ROOT), new ArrayList<>()));
        Map<String, List<IssueContent.Item>> unknown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<IssueContent.Item> unsectioned = new ArrayList<>();
        for (IssueContent.Item article : articles) {
            if (article.section() == null || article.section().equalsIgnoreCase(UNSECTIONED)) {
                unsectioned.add(article);
                continue;
            }
            String key = article.section().toLowerCase(Locale.ROOT);
            Optional.ofNullable(known.get(key))
                    .orElseGet(() -> unknown.computeIfAbsent(article.section(), k -> new ArrayList<>())).add(article);
        }
        List<IssueContent.Section> sections = new ArrayList<>();
        for (String name : sectionOrder) {
            addIfAny(sections, name, known.get(name.toLowerCase(Locale.ROOT)));
        }
        unknown.forEach((name, items) -> addIfAny(sections, name, items));
        addIfAny(sections, UNSECTIONED, unsectioned);
        return sections;
    }

    private static void addIfAny(List<IssueContent.Section> sections, String name, List<IssueContent.Item> items) {
        if (items != null && !items.isEmpty()) {
            sections.add(new IssueContent.Section(name, items.stream().sorted(NEWEST_FIRST).toList()));
        }
    }

    private static List<IssueContent.Section> withoutItem(List<IssueContent.Section> sections, IssueContent.Item item) {
        return sections.stream()
                .map(s -> new IssueContent.Section(s.name(), s.items().stream().filter(i -> i != item).toList()))
                .filter(s -> !s.items().isEmpty()).collect(Collectors.toList());
    }

    private String subject(Curation curation, IssueWindow window, IssueContent.Item lead) {
        String chosen = oneLine(curation.subject());
        if (chosen != null) {
            return clip(chosen);
        }
        String date = DATE.format(window.sendDate());
        String leadTitle = lead == null ? null : oneLine(lead.title());
        return clip(leadTitle == null ? publication + ", " + date : publication + ", " + date + ": " + leadTitle);
    }

    /** Collapses line breaks and other control characters, so no header can be smuggled into a subject. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String clip(String text) {
        return Text.clip(text, MAX_SUBJECT);
    }

}
