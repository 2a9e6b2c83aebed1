package org.sundaydigest.issue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

/**
 * What rendering costs per reader. The service renders an issue once per choice of sections and then, per reader, puts
 * the address and unsubscribe link into that copy ({@code personalize}). Here the service's own templates are rendered
 * by a standalone Qute engine (reflection instead of the generated resolvers Quarkus uses, so the full render is if
 * anything slower than in the service). Run by {@code RenderingBench} in the bench profile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderingJmh {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    private Template html;
    private Template text;
    private IssueContent content;
    private IssueRenderer.Rendered forAll;
    private IssueRenderer.Rendered forTwoSections;

    @Setup
    public void setUp() {
        Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).addLocator(RenderingJmh::locate).build();
        html = engine.getTemplate("IssueRenderer/issueHtml.html");
        text = engine.getTemplate("IssueRenderer/issueText.txt");
        content = typicalIssue();
        forAll = render(content, List.of());
        forTwoSections = render(content.forSections(List.of("News", "Opinion")), List.of("News", "Opinion"));
    }

    /** Per reader, what the engine does for every message: the copy for their sections with their data put in. */
    @Benchmark
    public IssueRenderer.Rendered personalizeACopyForAllSections() {
        return forAll.personalize("reader-1234@example.org",
                "https://digest.example.org/unsubscribe?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg",
                "https://digest.example.org/preferences?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg");
    }

    @Benchmark
    public IssueRenderer.Rendered personalizeACopyForTwoSections() {
        return forTwoSections.personalize("reader-1234@example.org",
                "https://digest.example.org/unsubscribe?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg",
                "https://digest.example.org/preferences?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg");
    }

    /** Once per issue and choice of sections: both templates rendered in full. */
    @Benchmark
    public IssueRenderer.Rendered renderTheIssueForAChoiceOfSections() {
        return render(content.forSections(List.of("News", "Opinion")), List.of("News", "Opinion"));
    }

    private IssueRenderer.Rendered render(IssueContent issue, List<String> sections) {
        IssueRenderer.DigestView view = new IssueRenderer.DigestView("Sunday Digest", issue, "Sunday 2 January 2050",
                "This week's articles", "https://digest.example.org/archive/2050-01-02",
                "https://digest.example.org/subscribe", IssueRenderer.UNSUBSCRIBE_MARK, IssueRenderer.PREFERENCES_MARK,
                IssueRenderer.EMAIL_MARK, "Example Publishing, 1 Example Street", sections, true);
        return new IssueRenderer.Rendered(issue.subject(),
                html.data("view", view).data("publication", "Sunday Digest").data("thePublication", "the Sunday Digest")
                        .render(),
                text.data("view", view).data("publication", "Sunday Digest").data("thePublication", "the Sunday Digest")
                        .render());
    }

    /** Twelve articles in three sections, three with images, as in the rendering test. */
    static IssueContent typicalIssue() {
        LocalDate date = LocalDate.of(2050, 1, 2);
        IssueWindow window = new IssueCalendar("0 0 8 ? * SUN", ZoneOffset.UTC, Duration.ofDays(7)).windowFor(date);
        String[] sections = { "News", "Investigations", "Opinion" };
        List<IssueContent.Item> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new IssueContent.Item((long) i + 1, "Story number " + i + " about the harbour and the council",
                    "https://news.example.org/story/" + i,
                    "A summary of a few sentences, as the publication writes them for the digest. ".repeat(3),
                    "Staff writer", sections[i % 3],
                    i % 4 == 0 ? "https://news.example.org/images/" + i + ".jpg" : null,
                    window.end().minus(Duration.ofHours(2L + i))));
        }
        return new Composer(List.of(sections), "Sunday Digest").compose(window, items, Curation.NONE);
    }

    private static Optional<TemplateLocation> locate(String id) {
        Path file = TEMPLATES.resolve(id.contains(".") ? id : id + ".html");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Variant variant = new Variant(null, file.toString().endsWith(".txt") ? "text/plain" : Variant.TEXT_HTML,
                "UTF-8");
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                return new StringReader(source);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(variant);
            }
        });
    }

}
