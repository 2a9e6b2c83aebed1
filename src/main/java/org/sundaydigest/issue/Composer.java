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
 * within a section. Without a pin, the lead is the newest article of the lead section ({@code DIGEST_LEAD_SECTION}, by
 * default the first configured one), or, in a week without one there, the newest of the first section that has any: a
 * rule an editor can predict, which puts the section the publication stands for first.
 */
public final class Composer {

    static final String UNSECTIONED = "More";
    static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final Comparator<IssueContent.Item> NEWEST_FIRST = Comparator
            .comparing(IssueContent.Item::publishedAt).reversed().thenComparing(IssueContent.Item::id);

    private final List<String> sectionOrder;
    private final String publication;
    private final String leadSection;

    public Composer(List<String> sectionOrder, String publication) {
        this(sectionOrder, publication, sectionOrder.isEmpty() ? null : sectionOrder.get(0));
    }

    public Composer(List<String> sectionOrder, String publication, String leadSection) {
        this.sectionOrder = List.copyOf(sectionOrder);
        this.publication = publication;
        this.leadSection = leadSection;
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
            List<IssueContent.Section> grouped = sections;
            lead = grouped.stream().filter(s -> s.name().equalsIgnoreCase(leadSection)).findFirst()
                    .or(() -> grouped.stream().findFirst()).map(s -> s.items().get(0)).orElse(null);
            top = List.of();
            sections = withoutItem(sections, lead);
        }
        String chosen = oneLine(curation.subject());
        String prefix = chosen == null ? publication + ", " + DATE.format(window.sendDate()) : null;
        return new IssueContent(window.sendDate(), window.start(), window.end(),
                chosen != null ? clip(chosen) : defaultSubject(prefix, lead), Text.blankToNull(curation.editorNote()),
                lead, top, sections, prefix);
    }

    /** The subject an issue gets when the editor gave none: the publication, the date and the lead's title. */
    static String defaultSubject(String prefix, IssueContent.Item lead) {
        String leadTitle = lead == null ? null : oneLine(lead.title());
        return clip(leadTitle == null ? prefix : prefix + ": " + leadTitle);
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
