package org.sundaydigest.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** A CSV file as an HTTP download, written straight to the response as it is produced. */
public final class CsvDownload {

    /** Writes the CSV's rows; may throw what writing to the response throws. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private CsvDownload() {
    }

    public static Response of(String filename, Body body) {
        StreamingOutput csv = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            body.writeTo(writer);
            writer.flush();
        };
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
