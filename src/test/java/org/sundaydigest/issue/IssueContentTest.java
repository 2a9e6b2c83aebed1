package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class IssueContentTest {

    private static final Instant END = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    private static final IssueContent.Item LEAD = item(1, "News", 1);
    private static final IssueContent.Item TOP_OPINION = item(2, "Opinion", 2);
    private static final IssueContent.Item TOP_UNSECTIONED = item(3, null, 3);
    private static final IssueContent.Item NEWS = item(4, "News", 4);
    private static final IssueContent.Item INVESTIGATION = item(5, "Investigations", 5);
    private static final IssueContent.Item OPINION = item(6, "opinion", 6);
    private static final IssueContent.Item SPORT = item(7, "Sport", 7);
    private static final IssueContent.Item UNSECTIONED = item(8, null, 8);

    private static final IssueContent CONTENT = new IssueContent(LocalDate.of(2026, 11, 29), START, END,
            "Sunday Digest, 29 November 2026: Article 1", "A quiet week.", LEAD, List.of(TOP_OPINION, TOP_UNSECTIONED),
            List.of(new IssueContent.Section("News", List.of(NEWS)),
                    new IssueContent.Section("Investigations", List.of(INVESTIGATION)),
                    new IssueContent.Section("Opinion", List.of(OPINION)),
                    new IssueContent.Section("Sport", List.of(SPORT)),
                    new IssueContent.Section("More", List.of(UNSECTIONED))));

    private static IssueContent.Item item(long id, String section, int hoursAgo) {
        return new IssueContent.Item(id, "Article " + id, "https://example.org/a/" + id, null, null, section, null,
                END.minusSeconds(3600L * hoursAgo));
    }

    private static List<Long> ids(List<IssueContent.Item> items) {
        return items.stream().map(IssueContent.Item::id).toList();
    }

    private static List<String> sectionNames(IssueContent content) {
        return content.sections().stream().map(IssueContent.Section::name).toList();
    }

    @Test
    void everyArticleIsListedOnceWithTheLeadFirstThenTopStoriesThenSectionsInOrder() {
        assertThat(ids(CONTENT.articles())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(CONTENT.isEmpty()).isFalse();
    }

    @Test
    void withoutALeadTheArticlesStartWithTheTopStories() {
        IssueContent noLead = new IssueContent(LocalDate.of(2026, 11, 29), START, END, "s", null, null,
                List.of(TOP_UNSECTIONED), List.of(new IssueContent.Section("News", List.of(NEWS))));

        assertThat(ids(noLead.articles())).containsExactly(3L, 4L);
        assertThat(noLead.isEmpty()).isFalse();
    }

    @Test
    void contentWithNothingInItIsEmpty() {
        IssueContent empty = new IssueContent(LocalDate.of(2026, 11, 29), START, END, "s", null, null, List.of(),
                List.of());

        assertThat(empty.articles()).isEmpty();
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void aReaderWhoChoseNoSectionGetsEverything() {
        IssueContent copy = CONTENT.forSections(List.of());

        assertThat(copy).isEqualTo(CONTENT);
        assertThat(ids(copy.articles())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void aReaderWhoChoseSectionsGetsOnlyThoseAndTheUnsectionedArticlesWhateverTheLetterCase() {
        IssueContent copy = CONTENT.forSections(List.of("OPINION", "investigations"));

        assertThat(copy.lead()).as("the copy's first story leads it").isEqualTo(TOP_OPINION);
        assertThat(ids(copy.topStories())).containsExactly(3L);
        assertThat(sectionNames(copy)).containsExactly("Investigations", "Opinion", "More");
        assertThat(ids(copy.articles())).containsExactly(2L, 3L, 5L, 6L, 8L);
    }

    @Test
    void sectionsLeftWithoutArticlesDisappearFromTheCopy() {
        IssueContent copy = CONTENT.forSections(List.of("News"));

        assertThat(sectionNames(copy)).containsExactly("News", "More");
        assertThat(ids(copy.topStories())).containsExactly(3L);
    }

    @Test
    void whenTheLeadsSectionIsNotChosenTheCopysFirstStoryLeadsIt() {
        IssueContent copy = CONTENT.forSections(List.of("Sport"));

        assertThat(copy.lead()).isEqualTo(TOP_UNSECTIONED);
        assertThat(copy.topStories()).isEmpty();
        assertThat(ids(copy.articles())).containsExactly(3L, 7L, 8L);
    }

    @Test
    void withoutTopStoriesTheFirstArticleOfTheCopysFirstSectionLeadsIt() {
        IssueContent noTop = new IssueContent(LocalDate.of(2026, 11, 29), START, END, "s", null, LEAD, List.of(),
                List.of(new IssueContent.Section("Sport", List.of(SPORT, item(9, "Sport", 9)))));

        IssueContent copy = noTop.forSections(List.of("Sport"));

        assertThat(copy.lead()).isEqualTo(SPORT);
        assertThat(ids(copy.sections().get(0).items())).containsExactly(9L);
    }

    @Test
    void aDefaultSubjectNamesTheLeadOfTheReadersOwnCopyAndAnEditorsSubjectStaysTheSame() {
        IssueContent defaultSubject = new IssueContent(LocalDate.of(2026, 11, 29), START, END,
                "Sunday Digest, 29 November 2026: Article 1", null, LEAD, List.of(TOP_OPINION), List.of(),
                "Sunday Digest, 29 November 2026");

        assertThat(defaultSubject.forSections(List.of("Opinion")).subject())
                .isEqualTo("Sunday Digest, 29 November 2026: Article 2");
        assertThat(defaultSubject.forSections(List.of("News")).subject())
                .isEqualTo("Sunday Digest, 29 November 2026: Article 1");
        assertThat(CONTENT.forSections(List.of("Opinion")).subject()).as("an editor's subject")
                .isEqualTo(CONTENT.subject());
    }

    @Test
    void theLeadIsKeptWhenItsSectionIsChosenInAnyLetterCase() {
        IssueContent copy = CONTENT.forSections(List.of("nEwS"));

        assertThat(copy.lead()).isEqualTo(LEAD);
        assertThat(ids(copy.articles())).containsExactly(1L, 3L, 4L, 8L);
    }

    @Test
    void anUnsectionedLeadGoesToEveryReader() {
        IssueContent unsectionedLead = new IssueContent(LocalDate.of(2026, 11, 29), START, END, "s", null, UNSECTIONED,
                List.of(), List.of(new IssueContent.Section("News", List.of(NEWS))));

        IssueContent copy = unsectionedLead.forSections(List.of("Opinion"));

        assertThat(copy.lead()).isEqualTo(UNSECTIONED);
        assertThat(copy.sections()).isEmpty();
    }

    @Test
    void aCopyKeepsTheIssuesDateWindowSubjectAndNote() {
        IssueContent copy = CONTENT.forSections(List.of("Sport"));

        assertThat(copy.sendDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(copy.windowStart()).isEqualTo(START);
        assertThat(copy.windowEnd()).isEqualTo(END);
        assertThat(copy.subject()).isEqualTo(CONTENT.subject());
        assertThat(copy.editorNote()).isEqualTo("A quiet week.");
    }

    @Test
    void aReaderWhoseSectionsHaveNothingThisWeekStillGetsTheUnsectionedArticles() {
        IssueContent copy = CONTENT.forSections(List.of("Culture"));

        assertThat(copy.lead()).isEqualTo(TOP_UNSECTIONED);
        assertThat(sectionNames(copy)).containsExactly("More");
        assertThat(ids(copy.articles())).containsExactly(3L, 8L);
    }

    @Test
    void aSnapshotFrozenBeforeSubjectsWerePerCopyKeepsItsSubjectForEveryCopy() throws Exception {
        String before = """
                {"sendDate":"2026-11-29","windowStart":"2026-11-22T08:00:00Z","windowEnd":"2026-11-29T08:00:00Z",
                 "subject":"Sunday Digest, 29 November 2026: Article 1","editorNote":null,
                 "lead":{"id":1,"title":"Article 1","url":"https://example.org/a/1","section":"News",
                         "publishedAt":"2026-11-29T07:00:00Z"},
                 "topStories":[{"id":2,"title":"Article 2","url":"https://example.org/a/2","section":"Opinion",
                         "publishedAt":"2026-11-29T06:00:00Z"}],
                 "sections":[]}""";

        IssueContent frozen = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .readValue(before, IssueContent.class);

        assertThat(frozen.subjectPrefix()).isNull();
        assertThat(frozen.forSections(List.of("Opinion")).subject())
                .isEqualTo("Sunday Digest, 29 November 2026: Article 1");
    }
}
