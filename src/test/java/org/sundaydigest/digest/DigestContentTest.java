package org.sundaydigest.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class DigestContentTest {

    private static final Instant END = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    private static final DigestContent.Item LEAD = item(1, "News", 1);
    private static final DigestContent.Item TOP_OPINION = item(2, "Opinion", 2);
    private static final DigestContent.Item TOP_UNSECTIONED = item(3, null, 3);
    private static final DigestContent.Item NEWS = item(4, "News", 4);
    private static final DigestContent.Item INVESTIGATION = item(5, "Investigations", 5);
    private static final DigestContent.Item OPINION = item(6, "opinion", 6);
    private static final DigestContent.Item SPORT = item(7, "Sport", 7);
    private static final DigestContent.Item UNSECTIONED = item(8, null, 8);

    private static final DigestContent CONTENT = new DigestContent(LocalDate.of(2026, 11, 29), START, END,
            "Sunday Digest, 29 November 2026: Article 1", "A quiet week.", LEAD, List.of(TOP_OPINION, TOP_UNSECTIONED),
            List.of(new DigestContent.Section("News", List.of(NEWS)),
                    new DigestContent.Section("Investigations", List.of(INVESTIGATION)),
                    new DigestContent.Section("Opinion", List.of(OPINION)),
                    new DigestContent.Section("Sport", List.of(SPORT)),
                    new DigestContent.Section("More", List.of(UNSECTIONED))));

    private static DigestContent.Item item(long id, String section, int hoursAgo) {
        return new DigestContent.Item(id, "Article " + id, "https://example.org/a/" + id, null, null, section, null,
                END.minusSeconds(3600L * hoursAgo));
    }

    private static List<Long> ids(List<DigestContent.Item> items) {
        return items.stream().map(DigestContent.Item::id).toList();
    }

    private static List<String> sectionNames(DigestContent content) {
        return content.sections().stream().map(DigestContent.Section::name).toList();
    }

    @Test
    void everyArticleIsListedOnceWithTheLeadFirstThenTopStoriesThenSectionsInOrder() {
        assertThat(ids(CONTENT.articles())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(CONTENT.isEmpty()).isFalse();
    }

    @Test
    void withoutALeadTheArticlesStartWithTheTopStories() {
        DigestContent noLead = new DigestContent(LocalDate.of(2026, 11, 29), START, END, "s", null, null,
                List.of(TOP_UNSECTIONED), List.of(new DigestContent.Section("News", List.of(NEWS))));

        assertThat(ids(noLead.articles())).containsExactly(3L, 4L);
        assertThat(noLead.isEmpty()).isFalse();
    }

    @Test
    void contentWithNothingInItIsEmpty() {
        DigestContent empty = new DigestContent(LocalDate.of(2026, 11, 29), START, END, "s", null, null, List.of(),
                List.of());

        assertThat(empty.articles()).isEmpty();
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void aReaderWhoChoseNoSectionGetsEverything() {
        DigestContent copy = CONTENT.forSections(List.of());

        assertThat(copy).isEqualTo(CONTENT);
        assertThat(ids(copy.articles())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void aReaderWhoChoseSectionsGetsOnlyThoseAndTheUnsectionedArticlesWhateverTheLetterCase() {
        DigestContent copy = CONTENT.forSections(List.of("OPINION", "investigations"));

        assertThat(copy.lead()).isNull();
        assertThat(ids(copy.topStories())).containsExactly(2L, 3L);
        assertThat(sectionNames(copy)).containsExactly("Investigations", "Opinion", "More");
        assertThat(ids(copy.articles())).containsExactly(2L, 3L, 5L, 6L, 8L);
    }

    @Test
    void sectionsLeftWithoutArticlesDisappearFromTheCopy() {
        DigestContent copy = CONTENT.forSections(List.of("News"));

        assertThat(sectionNames(copy)).containsExactly("News", "More");
        assertThat(ids(copy.topStories())).containsExactly(3L);
    }

    @Test
    void theLeadIsDroppedWhenItsSectionIsNotChosen() {
        DigestContent copy = CONTENT.forSections(List.of("Sport"));

        assertThat(copy.lead()).isNull();
        assertThat(ids(copy.articles())).containsExactly(3L, 7L, 8L);
    }

    @Test
    void theLeadIsKeptWhenItsSectionIsChosenInAnyLetterCase() {
        DigestContent copy = CONTENT.forSections(List.of("nEwS"));

        assertThat(copy.lead()).isEqualTo(LEAD);
        assertThat(ids(copy.articles())).containsExactly(1L, 3L, 4L, 8L);
    }

    @Test
    void anUnsectionedLeadGoesToEveryReader() {
        DigestContent unsectionedLead = new DigestContent(LocalDate.of(2026, 11, 29), START, END, "s", null,
                UNSECTIONED, List.of(), List.of(new DigestContent.Section("News", List.of(NEWS))));

        DigestContent copy = unsectionedLead.forSections(List.of("Opinion"));

        assertThat(copy.lead()).isEqualTo(UNSECTIONED);
        assertThat(copy.sections()).isEmpty();
    }

    @Test
    void aCopyKeepsTheIssuesDateWindowSubjectAndNote() {
        DigestContent copy = CONTENT.forSections(List.of("Sport"));

        assertThat(copy.sendDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(copy.windowStart()).isEqualTo(START);
        assertThat(copy.windowEnd()).isEqualTo(END);
        assertThat(copy.subject()).isEqualTo(CONTENT.subject());
        assertThat(copy.editorNote()).isEqualTo("A quiet week.");
    }

    @Test
    void aReaderWhoseSectionsHaveNothingThisWeekStillGetsTheUnsectionedArticles() {
        DigestContent copy = CONTENT.forSections(List.of("Culture"));

        assertThat(copy.lead()).isNull();
        assertThat(sectionNames(copy)).containsExactly("More");
        assertThat(ids(copy.articles())).containsExactly(3L, 8L);
    }
}
