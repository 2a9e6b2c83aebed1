package org.sundaydigest.article;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.sundaydigest.common.HttpUrl;
import org.sundaydigest.common.Text;

/** An article as a publisher sends it: {@code POST /api/articles} and {@code PUT /api/articles/{id}}. */
public record ArticleRequest(@NotBlank @HttpUrl String url, @NotBlank @Size(max = 500) String title,
        @Size(max = 4000) String summary, @Size(max = 200) String author, @Size(max = 100) String section,
        @HttpUrl String imageUrl, @NotNull Instant publishedAt) {

    public ArticleRequest {
        url = trimmed(url);
        title = trimmed(title);
        summary = Text.blankToNull(summary);
        author = Text.blankToNull(author);
        section = Text.blankToNull(section);
        imageUrl = Text.blankToNull(imageUrl);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }
}
