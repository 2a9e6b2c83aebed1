package org.sundaydigest.imports;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** The text of an import file below its CSV: which separator it uses, and a guard on the length of one record. */
final class ImportText {

    private static final char BOM = '\uFEFF';
    static final int SNIFF_LIMIT = 1 << 16;

    private ImportText() {
    }

    /**
     * Picks the separator from the header line: a semicolon when it has more semicolons than commas (spreadsheets in
     * many European locales write that), a tab when it has tabs and neither, else a comma. Leaves the reader after the
     * BOM, if any.
     */
    static char separator(BufferedReader reader) throws IOException, ImportFile.Unreadable {
        reader.mark(SNIFF_LIMIT);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        int read = 0;
        boolean text = false;
        boolean content = false;
        boolean quoted = false;
        int c;
        while (read < SNIFF_LIMIT && (c = reader.read()) >= 0) {
            read++;
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (content) {
                    break; // the end of the header line (blank lines before it are passed over)
                }
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
            text |= c != BOM;
            content |= c != BOM && !Character.isWhitespace(c);
        }
        if (!text) {
            throw new ImportFile.Unreadable("the file is empty");
        }
        reader.reset();
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return semicolons > commas ? ';' : commas == 0 && semicolons == 0 && tabs > 0 ? '\t' : ',';
    }

    /** A record over {@link #ImportFile.MAX_RECORD_CHARS}. */
    static final class RecordTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super("a record of more than " + ImportFile.MAX_RECORD_CHARS
                    + " characters (probably a quote that is never closed)");
        }
    }

    /**
     * Passes the text through while following its quoting the way the parser does, so that a quote that is never closed
     * ends the import with an error instead of pulling the rest of the file into one cell in memory.
     */
    static final class RecordLengthGuard extends FilterReader {
        private final char separator;
        private boolean fieldStart = true;
        private boolean quoted;
        private boolean quoteInQuoted; // the end of the quoted cell, or the first of a doubled quote
        private long length;

        RecordLengthGuard(Reader in, char separator) {
            super(in);
            this.separator = separator;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                track((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            for (int i = offset; i < offset + n; i++) {
                track(buffer[i]);
            }
            return n;
        }

        private void track(char c) throws RecordTooLong {
            if (quoteInQuoted) {
                quoteInQuoted = false;
                quoted = c == '"'; // a doubled quote stays inside; anything else follows the closed cell
            } else if (quoted) {
                quoteInQuoted = c == '"';
            }
            if (!quoted) {
                if (c == '\n' || c == '\r') {
                    fieldStart = true;
                    length = 0;
                    return;
                }
                quoted = fieldStart && c == '"'; // quotes count only at the start of a cell, as for the parser
                fieldStart = c == separator;
            }
            if (++length > ImportFile.MAX_RECORD_CHARS) {
                throw new RecordTooLong();
            }
        }
    }
}
