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
 * not change what the remaining readers get.
 */
public record IssueContent(LocalDate sendDate, Instant windowStart, Instant windowEnd, String subject,
        String editorNote, Item lead, List<Item> topStories, List<Section> sections) {

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
        List<Item> keptTop = topStories.stream().filter(i -> wants(wanted, i)).toList();
        List<Section> keptSections = new ArrayList<>();
        for (Section section : sections) {
            List<Item> items = section.items().stream().filter(i -> wants(wanted, i)).toList();
            if (!items.isEmpty()) {
                keptSections.add(new Section(section.name(), items));
            }
        }
        return new IssueContent(sendDate, windowStart, windowEnd, subject, editorNote, keptLead, keptTop, keptSections);
    }

    private static boolean wants(Set<String> wanted, Item item) {
        return item.section() == null || wanted.contains(item.section().toLowerCase(Locale.ROOT));
    }
}
