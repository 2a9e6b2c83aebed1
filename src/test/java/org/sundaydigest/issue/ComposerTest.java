package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class ComposerTest {

    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final IssueWindow WINDOW = new IssueCalendar("0 0 8 ? * SUN", ZoneOffset.UTC, Duration.ofDays(7))
            .windowFor(LocalDate.of(2026, 11, 29));

    private final Composer composer = new Composer(List.of("News", "Investigations", "Opinion"), "Sunday Digest");

    /** An article published {@code hoursAgo} hours before Wednesday noon of the issue's week. */
    private static IssueContent.Item article(long id, String section, int hoursAgo) {
        return article(id, section, hoursAgo, "Article " + id);
    }

    private static IssueContent.Item article(long id, String section, int hoursAgo, String title) {
        return new IssueContent.Item(id, title, "https://example.org/a/" + id, "Summary " + id, "Author " + id, section,
                null, WEDNESDAY_NOON.minus(Duration.ofHours(hoursAgo)));
    }

    private static Curation pinned(Long... ids) {
        return new Curation(null, null, List.of(ids), List.of());
    }

    private static Curation excluded(Long... ids) {
        return new Curation(null, null, List.of(), List.of(ids));
    }

    private static Curation subject(String subject) {
        return new Curation(subject, null, List.of(), List.of());
    }

    private static List<String> sectionNames(IssueContent content) {
        return content.sections().stream().map(IssueContent.Section::name).toList();
    }

    private static List<Long> ids(List<IssueContent.Item> items) {
        return items.stream().map(IssueContent.Item::id).toList();
    }

    private static List<Long> idsOf(IssueContent content, String section) {
        return content.sections().stream().filter(s -> s.name().equals(section)).findFirst().map(s -> ids(s.items()))
                .orElseThrow(() -> new AssertionError("no section " + section));
    }

    @Test
    void sectionsComeInTheConfiguredOrderThenUnknownOnesAlphabeticallyThenMore() {
        List<IssueContent.Item> articles = List.of(article(1, null, 5), article(2, "Sport", 5),
                article(3, "Opinion", 5), article(4, "Culture", 5), article(5, "Investigations", 5),
                article(6, "News", 1), article(7, "News", 5), article(8, "Weather", 5));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(content.lead().id()).isEqualTo(6L);
        assertThat(sectionNames(content)).containsExactly("News", "Investigations", "Opinion", "Culture", "Sport",
                "Weather", "More");
        assertThat(idsOf(content, "More")).containsExactly(1L);
        assertThat(idsOf(content, "Culture")).containsExactly(4L);
    }

    @Test
    void unknownSectionsAreGroupedAndSortedWhateverTheLetterCase() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "Sport", 2),
                article(3, "sport", 3), article(4, "arts", 4), article(5, "Zeta", 5), article(6, "News", 6));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(sectionNames(content)).hasSize(4);
        assertThat(sectionNames(content).get(0)).isEqualTo("News");
        assertThat(sectionNames(content).subList(1, 4)).map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .containsExactly("arts", "sport", "zeta");
        assertThat(content.sections().get(2).items()).extracting(IssueContent.Item::id).containsExactly(2L, 3L);
    }

    @Test
    void anArticleWhoseSectionIsCalledMoreDoesNotMakeASecondMoreSection() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "More", 2), article(3, null, 3),
                article(4, "News", 4));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(sectionNames(content)).doesNotHaveDuplicates();
    }

    @Test
    void theIssueKeepsTheSendDateAndWindowItWasComposedFor() {
        IssueContent content = composer.compose(WINDOW, List.of(article(1, "News", 1)), Curation.NONE);

        assertThat(content.sendDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(content.windowStart()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(content.windowEnd()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
    }

    @Test
    void articlesJoinAConfiguredSectionWhateverTheLetterCaseAndShowItsConfiguredName() {
        List<IssueContent.Item> articles = List.of(article(1, "news", 1), article(2, "NEWS", 2), article(3, "News", 3),
                article(4, "oPiNiOn", 4));

        IssueContent content = composer.compose(WINDOW, articles, pinned(4L));

        assertThat(sectionNames(content)).containsExactly("News");
        assertThat(idsOf(content, "News")).containsExactly(1L, 2L, 3L);
        assertThat(content.lead().id()).isEqualTo(4L);
    }

    @Test
    void withinASectionTheNewestArticleComesFirst() {
        List<IssueContent.Item> articles = List.of(article(1, "Opinion", 30), article(2, "Opinion", 2),
                article(3, "Opinion", 50), article(4, "Opinion", 10), article(5, "News", 1));

        IssueContent content = composer.compose(WINDOW, articles, pinned(5L));

        assertThat(idsOf(content, "Opinion")).containsExactly(2L, 4L, 1L, 3L);
    }

    @Test
    void excludedArticlesAreLeftOutEverywhere() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "News", 2),
                article(3, "Opinion", 3), article(4, null, 4));

        IssueContent content = composer.compose(WINDOW, articles, excluded(1L, 3L, 4L));

        assertThat(ids(content.articles())).containsExactly(2L);
        assertThat(content.lead().id()).isEqualTo(2L);
        assertThat(content.sections()).isEmpty();
    }

    @Test
    void anExcludedArticleIsLeftOutEvenWhenItIsPinned() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "Opinion", 2),
                article(3, "Opinion", 3));

        IssueContent content = composer.compose(WINDOW, articles,
                new Curation(null, null, List.of(2L, 3L), List.of(2L)));

        assertThat(content.lead().id()).isEqualTo(3L);
        assertThat(content.topStories()).isEmpty();
        assertThat(ids(content.articles())).containsExactly(3L, 1L);
    }

    @Test
    void theFirstPinnedArticleLeadsAndTheOthersAreTopStoriesInTheGivenOrderNotRepeatedInSections() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "News", 2),
                article(3, "Opinion", 3), article(4, "Opinion", 4), article(5, null, 5), article(6, "News", 6));

        IssueContent content = composer.compose(WINDOW, articles, pinned(4L, 1L, 5L));

        assertThat(content.lead().id()).isEqualTo(4L);
        assertThat(ids(content.topStories())).containsExactly(1L, 5L);
        assertThat(sectionNames(content)).containsExactly("News", "Opinion");
        assertThat(idsOf(content, "News")).containsExactly(2L, 6L);
        assertThat(idsOf(content, "Opinion")).containsExactly(3L);
        assertThat(ids(content.articles())).containsExactly(4L, 1L, 5L, 2L, 6L, 3L);
    }

    @Test
    void pinnedIdsThatAreNotAmongTheArticlesAreIgnored() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "Opinion", 2));

        IssueContent content = composer.compose(WINDOW, articles, pinned(99L, 2L, 98L));

        assertThat(content.lead().id()).isEqualTo(2L);
        assertThat(content.topStories()).isEmpty();
        assertThat(idsOf(content, "News")).containsExactly(1L);
    }

    @Test
    void aPinRepeatedByTheEditorCountsOnce() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1), article(2, "Opinion", 2));

        IssueContent content = composer.compose(WINDOW, articles, pinned(2L, 2L, 1L, 2L));

        assertThat(content.lead().id()).isEqualTo(2L);
        assertThat(ids(content.topStories())).containsExactly(1L);
        assertThat(content.sections()).isEmpty();
    }

    @Test
    void withoutPinsTheLeadIsTheNewestArticleOfTheFirstSectionThatHasAnyAndIsNotRepeatedThere() {
        // Opinion holds the newest article overall, but Investigations comes first
        List<IssueContent.Item> articles = List.of(article(1, "Opinion", 1), article(2, "Investigations", 20),
                article(3, "Investigations", 10), article(4, "Investigations", 30), article(5, null, 2));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(content.lead().id()).isEqualTo(3L);
        assertThat(content.topStories()).isEmpty();
        assertThat(sectionNames(content)).containsExactly("Investigations", "Opinion", "More");
        assertThat(idsOf(content, "Investigations")).containsExactly(2L, 4L);
        assertThat(ids(content.articles())).containsExactly(3L, 2L, 4L, 1L, 5L);
    }

    @Test
    void aSectionEmptiedByTakingItsOnlyArticleAsTheLeadDisappears() {
        List<IssueContent.Item> articles = List.of(article(1, "Opinion", 1), article(2, "News", 20),
                article(3, null, 2));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(content.lead().id()).isEqualTo(2L);
        assertThat(sectionNames(content)).containsExactly("Opinion", "More");
    }

    @Test
    void withoutAnySectionedArticleTheLeadIsTheNewestUnsectionedOne() {
        List<IssueContent.Item> articles = List.of(article(1, null, 5), article(2, null, 1), article(3, null, 9));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(content.lead().id()).isEqualTo(2L);
        assertThat(idsOf(content, "More")).containsExactly(1L, 3L);
    }

    @Test
    void anIssueWithoutArticlesHasNoLeadAndIsNamedAfterItsDate() {
        IssueContent content = composer.compose(WINDOW, List.of(), Curation.NONE);

        assertThat(content.lead()).isNull();
        assertThat(content.topStories()).isEmpty();
        assertThat(content.sections()).isEmpty();
        assertThat(content.isEmpty()).isTrue();
        assertThat(content.subject()).isEqualTo("Sunday Digest, 29 November 2026");
    }

    @Test
    void anIssueWhoseArticlesAreAllExcludedIsEmpty() {
        IssueContent content = composer.compose(WINDOW, List.of(article(1, "News", 1)), excluded(1L));

        assertThat(content.isEmpty()).isTrue();
        assertThat(content.subject()).isEqualTo("Sunday Digest, 29 November 2026");
    }

    @Test
    void theDefaultSubjectNamesThePublicationTheDateAndTheLeadStory() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1, "Harbour bridge reopens"),
                article(2, "Opinion", 2, "Why bridges matter"));

        assertThat(composer.compose(WINDOW, articles, Curation.NONE).subject())
                .isEqualTo("Sunday Digest, 29 November 2026: Harbour bridge reopens");
        assertThat(composer.compose(WINDOW, articles, pinned(2L)).subject())
                .isEqualTo("Sunday Digest, 29 November 2026: Why bridges matter");
    }

    @Test
    void theDefaultSubjectUsesThePublicationNameAndADateInEnglish() {
        Composer other = new Composer(List.of("News"), "The Weekly");
        IssueWindow may = new IssueCalendar("0 0 8 ? * SUN", ZoneOffset.UTC, Duration.ofDays(7))
                .windowFor(LocalDate.of(2026, 5, 3));

        assertThat(other.compose(may, List.of(), Curation.NONE).subject()).isEqualTo("The Weekly, 3 May 2026");
    }

    @Test
    void theEditorsSubjectIsUsedWhenGiven() {
        IssueContent content = composer.compose(WINDOW, List.of(article(1, "News", 1, "Harbour bridge reopens")),
                subject("  Our pick of the week  "));

        assertThat(content.subject()).isEqualTo("Our pick of the week");
    }

    @Test
    void aBlankEditorsSubjectFallsBackToTheDefault() {
        IssueContent content = composer.compose(WINDOW, List.of(article(1, "News", 1, "Harbour bridge reopens")),
                subject(" \r\n\t "));

        assertThat(content.subject()).isEqualTo("Sunday Digest, 29 November 2026: Harbour bridge reopens");
    }

    @Test
    void lineBreaksInTheEditorsSubjectCannotStartAnotherHeader() {
        IssueContent content = composer.compose(WINDOW, List.of(), subject("Hi\r\nBcc: x@example.org"));

        assertThat(content.subject()).isEqualTo("Hi Bcc: x@example.org").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void lineBreaksInTheLeadTitleCannotStartAnotherHeader() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1, "Hi\r\nBcc: x@example.org\n\nBody"));

        IssueContent content = composer.compose(WINDOW, articles, Curation.NONE);

        assertThat(content.subject()).isEqualTo("Sunday Digest, 29 November 2026: Hi Bcc: x@example.org Body")
                .doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void unicodeLineSeparatorsAndOtherControlCharactersInASubjectBecomeSpaces() {
        IssueContent content = composer.compose(WINDOW, List.of(),
                subject("One\u2028Two\u2029Three\tFour\u0000Five\rSix"));

        assertThat(content.subject()).isEqualTo("One Two Three Four Five Six");
    }

    @Test
    void aLeadTitleOfNothingButControlCharactersDoesNotPutNullIntoTheSubject() {
        // "\u007F" (DEL) passes @NotBlank and strip() in ArticleRequest, but oneLine() turns it into null
        IssueContent content = composer.compose(WINDOW, List.of(article(1, "News", 1, "\u007F")), Curation.NONE);

        assertThat(content.subject()).isEqualTo("Sunday Digest, 29 November 2026");
    }

    @Test
    void aVeryLongSubjectIsClippedToTwoHundredCharactersEndingWithAnEllipsis() {
        String subject = "word ".repeat(100);

        String clipped = composer.compose(WINDOW, List.of(), subject(subject)).subject();

        assertThat(clipped.codePointCount(0, clipped.length())).isLessThanOrEqualTo(200);
        assertThat(clipped).endsWith("…").startsWith("word word word");
        assertThat(clipped.substring(0, clipped.length() - 1)).isEqualTo(subject.substring(0, 199).strip());
    }

    @Test
    void aSubjectOfExactlyTwoHundredCharactersIsKeptWhole() {
        String subject = "x".repeat(200);

        assertThat(composer.compose(WINDOW, List.of(), subject(subject)).subject()).isEqualTo(subject);
        assertThat(composer.compose(WINDOW, List.of(), subject(subject + "y")).subject())
                .isEqualTo("x".repeat(199) + "…");
    }

    @Test
    void clippingALongSubjectNeverSplitsAnEmoji() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String subject = emoji.repeat(250);

        String clipped = composer.compose(WINDOW, List.of(), subject(subject)).subject();

        assertThat(clipped.codePointCount(0, clipped.length())).isEqualTo(200);
        assertThat(clipped).isEqualTo(emoji.repeat(199) + "…");
        assertThat(clipped.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .isEmpty();
    }

    @Test
    void aLongLeadTitleIsClippedInTheDefaultSubjectWithoutSplittingAnEmoji() {
        // "Sunday Digest, 29 November 2026: " is 33 code points; the title starts with one letter so that a cut
        // counted in chars rather than code points would fall inside an emoji
        String title = "a" + "\uD83D\uDCF0".repeat(300);

        String clipped = composer.compose(WINDOW, List.of(article(1, "News", 1, title)), Curation.NONE).subject();

        assertThat(clipped.codePointCount(0, clipped.length())).isEqualTo(200);
        assertThat(clipped).startsWith("Sunday Digest, 29 November 2026: a\uD83D\uDCF0").endsWith("\uD83D\uDCF0…");
        assertThat(clipped.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .isEmpty();
    }

    @Test
    void aBlankEditorsNoteMeansNoNote() {
        List<IssueContent.Item> articles = List.of(article(1, "News", 1));

        assertThat(composer.compose(WINDOW, articles, new Curation(null, "  \n\t ", null, null)).editorNote()).isNull();
        assertThat(composer.compose(WINDOW, articles, new Curation(null, "", null, null)).editorNote()).isNull();
        assertThat(composer.compose(WINDOW, articles, Curation.NONE).editorNote()).isNull();
    }

    @Test
    void theEditorsNoteIsKeptWithoutSurroundingWhitespace() {
        IssueContent content = composer.compose(WINDOW, List.of(),
                new Curation(null, "\n  A quiet week.\nSee you soon.  \n", null, null));

        assertThat(content.editorNote()).isEqualTo("A quiet week.\nSee you soon.");
    }

    @Test
    void withoutAPinTheNewestArticleOfTheLeadSectionLeadsAndAWeekWithoutOneFallsBackToTheFirstSection() {
        Composer opinionFirst = new Composer(List.of("News", "Investigations", "Opinion"), "Sunday Digest", "Opinion");
        IssueWindow window = new IssueWindow(LocalDate.of(2050, 1, 2), Instant.parse("2050-01-02T08:00:00Z"),
                Instant.parse("2049-12-26T08:00:00Z"));
        IssueContent.Item news = new IssueContent.Item(1, "Newest news", "https://example.org/1", null, null, "News",
                null, Instant.parse("2050-01-01T10:00:00Z"));
        IssueContent.Item opinion = new IssueContent.Item(2, "Older opinion", "https://example.org/2", null, null,
                "Opinion", null, Instant.parse("2049-12-30T10:00:00Z"));

        IssueContent content = opinionFirst.compose(window, List.of(news, opinion), Curation.NONE);
        assertThat(content.lead()).isEqualTo(opinion);
        assertThat(content.subject()).endsWith(": Older opinion");
        assertThat(content.subjectPrefix()).isEqualTo("Sunday Digest, 2 January 2050");

        assertThat(opinionFirst.compose(window, List.of(news), Curation.NONE).lead()).as("no opinion this week")
                .isEqualTo(news);
    }
}
