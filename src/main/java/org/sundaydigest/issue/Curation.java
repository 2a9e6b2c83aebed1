package org.sundaydigest.issue;

import java.util.List;

/** What an editor decided for an issue; every part optional. */
public record Curation(String subject, String editorNote, List<Long> pinned, List<Long> excluded) {

    public static final Curation NONE = new Curation(null, null, List.of(), List.of());

    public Curation {
        pinned = pinned == null ? List.of() : List.copyOf(pinned);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }
}
