package org.sundaydigest.subscriber;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a reader may change on their own page: the name and the sections (none chosen: all). */
record PreferencesRequest(
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain line breaks or control characters") String name,
        @Size(max = 20) List<@NotBlank @KnownSection String> sections) {

    PreferencesRequest {
        name = name == null || name.isBlank() ? null : name.trim();
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}
