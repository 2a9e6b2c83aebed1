package org.sundaydigest.imports;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The first errors of an import, kept as JSON in its row: enough to fix a file, never a copy of it. */
public final class ImportErrors {

    static final int KEPT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row that was not imported as it stood: its line, the column and why. */
    public record Entry(long line, String field, String message) {
    }

    private ImportErrors() {
    }

    static List<Entry> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Entry>>() {
            });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** The kept errors with these added, up to {@link #KEPT}. */
    static String append(String json, List<Entry> more) {
        List<Entry> all = new ArrayList<>(read(json));
        for (Entry entry : more) {
            if (all.size() >= KEPT) {
                break;
            }
            all.add(entry);
        }
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error entries are plain records", e);
        }
    }
}
