package org.sundaydigest.issue;

import java.util.List;

/** What an editor decided for an issue; every part optional. */
public record Curation(String subject, String editorNote, List<Long> pinned, List<Long> excluded) {

    public static final Curation NONE = new Curation(null, null, List.of(), List.of());

    public Curation {
        pinned = pinned == null ? List.of() : List.copyOf(pinned);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    /** A line for the audit log: what the curation sets, without the note's text. */
    public String summary() {
        return "subject " + (subject == null ? "default" : "\"" + subject + "\"") + ", note "
                + (editorNote == null || editorNote.isBlank() ? "none" : editorNote.length() + " characters")
                + ", pinned " + pinned + ", excluded " + excluded;
    }
}
