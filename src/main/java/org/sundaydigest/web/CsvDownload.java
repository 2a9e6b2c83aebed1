package org.sundaydigest.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /** A page of rows after a key: each row's first column is its key, the page at most the size asked for. */
    @FunctionalInterface
    public interface Pages {
        List<Object[]> after(long key, int size);
    }

    /**
     * Writes the header, then the rows page by page until a page comes back short, so that a table of any size is
     * streamed in flat memory. The key column is written only when {@code withKey}.
     */
    public static void writePages(Writer out, String header, int pageSize, boolean withKey, Pages pages)
            throws IOException {
        out.write(header + "\r\n");
        int first = withKey ? 0 : 1;
        long after = 0;
        List<Object[]> page;
        do {
            page = pages.after(after, pageSize);
            for (Object[] row : page) {
                for (int i = first; i < row.length; i++) {
                    out.write(i > first ? "," : "");
                    out.write(cell(row[i]));
                }
                out.write("\r\n");
                after = ((Number) row[0]).longValue();
            }
        } while (page.size() == pageSize);
    }

    /** One cell: RFC 4180 quoting, and a leading formula character defused so that spreadsheets do not run it. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
