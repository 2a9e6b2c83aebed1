package org.sundaydigest.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one issue says, independent of who reads it: frozen as a snapshot when sending starts, so later article edits do
 * not change what the remaining readers get. {@code subjectPrefix} is set when the subject is the default one (the
 * publication and the date, then the lead's title), so that a copy with another lead names its own; it is null when an
 * editor wrote the subject, which then applies to every copy (and in snapshots made before it existed).
 */
public record IssueContent(LocalDate sendDate, Instant windowStart, Instant windowEnd, String subject,
        String editorNote, Item lead, List<Item> topStories, List<Section> sections, String subjectPrefix) {

    /** An article as the digest shows it. */
    public record Item(long id, String title, String url, String summary, String author, String section,
            String imageUrl, Instant publishedAt) {
    }

    /** A section's articles, newest first. */
    public record Section(String name, List<Item> items) {
    }

    public IssueContent {
        topStories = List.copyOf(topStories);
        sections = List.copyOf(sections);
    }

    /** Content whose subject is the same for every copy. */
    public IssueContent(LocalDate sendDate, Instant windowStart, Instant windowEnd, String subject, String editorNote,
            Item lead, List<Item> topStories, List<Section> sections) {
        this(sendDate, windowStart, windowEnd, subject, editorNote, lead, topStories, sections, null);
    }

    /** Every article in the issue, lead first. */
    public List<Item> articles() {
        return Stream.concat(Stream.concat(Stream.ofNullable(lead), topStories.stream()),
                sections.stream().flatMap(s -> s.items().stream())).toList();
    }

    public boolean isEmpty() {
        return articles().isEmpty();
    }

    /**
     * The copy of a reader who chose these sections; no choice means everything. Articles without a section go to every
     * reader.
     */
    public IssueContent forSections(Collection<String> chosen) {
        if (chosen.isEmpty()) {
            return this;
        }
        Set<String> wanted = chosen.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Item keptLead = lead != null && wants(wanted, lead) ? lead : null;
        List<Item> keptTop = new ArrayList<>(topStories.stream().filter(i -> wants(wanted, i)).toList());
        List<Section> keptSections = new ArrayList<>();
        for (Section section : sections) {
            List<Item> items = section.items().stream().filter(i -> wants(wanted, i)).toList();
            if (!items.isEmpty()) {
                keptSections.add(new Section(section.name(), items));
            }
        }
        if (keptLead == null && lead != null) {
            // The reader's own copy leads with its first story, and a default subject names that one.
            if (!keptTop.isEmpty()) {
                keptLead = keptTop.remove(0);
            } else if (!keptSections.isEmpty()) {
                Section first = keptSections.remove(0);
                keptLead = first.items().get(0);
                if (first.items().size() > 1) {
                    keptSections.add(0, new Section(first.name(), first.items().subList(1, first.items().size())));
                }
            }
        }
        String copySubject = subjectPrefix == null ? subject : Composer.defaultSubject(subjectPrefix, keptLead);
        return new IssueContent(sendDate, windowStart, windowEnd, copySubject, editorNote, keptLead, keptTop,
                keptSections, subjectPrefix);
    }

    private static boolean wants(Set<String> wanted, Item item) {
        return item.section() == null || wanted.contains(item.section().toLowerCase(Locale.ROOT));
    }
}
