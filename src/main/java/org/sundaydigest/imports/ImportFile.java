package org.sundaydigest.imports;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import file (a list exported from Mailchimp, Substack, Ghost, listmonk or a spreadsheet), read one row at a time:
 * UTF-8 with or without a BOM, separated by commas, semicolons or tabs, quoted as RFC 4180 says. Only one record is
 * held at a time, so a file of a million rows is read in flat memory. Columns are found by header name (see
 * {@link ImportColumns}). Closing it closes the stream.
 */
final class ImportFile implements Closeable {

    /** What {@link #next()} gives: a row to import (perhaps excluded by the file itself), or one that cannot be. */
    sealed interface Item permits ImportRow, RowError {
    }

    /** From field to the header it is read from ({@code email ← "Email Address"}), in field order, for the report. */
    record Mapping(Map<String, String> fields) {
    }

    /** The file cannot be imported at all; the message says why, in words. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The most characters one record may have: far beyond any real row, far below a file that has run away. */
    static final int MAX_RECORD_CHARS = 1_000_000;

    private static final String NOT_UTF8 = "the file is not UTF-8 text: save it as \"CSV UTF-8\" and import it again";
    private static final String TOO_LONG = "longer than " + ImportValues.MAX_TEXT + " characters";

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ImportColumns columns;
    private long recordsRead;
    private boolean finished;

    private ImportFile(CSVParser parser, Iterator<CSVRecord> records, ImportColumns columns) {
        this.parser = parser;
        this.records = records;
        this.columns = columns;
    }

    /**
     * Reads the header row and finds the columns.
     *
     * @throws Unreadable
     *             when the file is empty, has no header row, has no email column, or is not UTF-8 or CSV there
     * @throws IOException
     *             when the stream itself fails
     */
    static ImportFile open(InputStream in) throws IOException, Unreadable {
        // Reporting malformed input rather than replacing it: a Windows-1252 file would otherwise import mangled names.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                ImportText.SNIFF_LIMIT);
        char separator;
        try {
            separator = ImportText.separator(reader);
        } catch (CharacterCodingException e) {
            throw new Unreadable(NOT_UTF8);
        }
        // Blank lines are kept as records so that the parser's line count stays the file's; next() skips them.
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(false).setTrim(false)
                .get();
        // The header is read as a plain record (not setHeader()), so duplicate or blank names cannot fail the file.
        CSVParser parser = format.parse(new ImportText.RecordLengthGuard(reader, separator));
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord header;
        try {
            do {
                if (!records.hasNext()) {
                    throw new Unreadable("the file has no header row");
                }
                header = records.next();
            } while (ImportColumns.isBlank(header));
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = stopReason(e);
            throw new Unreadable(NOT_UTF8.equals(reason) ? reason : "the header row cannot be read: " + reason);
        }
        ImportColumns columns = ImportColumns.of(header.toList());
        if (!columns.hasEmail()) {
            throw new Unreadable("no email column: expected one of " + ImportColumns.EXPECTED_EMAIL);
        }
        return new ImportFile(parser, records, columns);
    }

    /** Which header each field is read from. */
    Mapping mapping() {
        return new Mapping(columns.mapping());
    }

    /**
     * The next data row, or null at the end. A completely blank row is passed over. A record that is not valid CSV (a
     * quote never closed) gives an error on field {@code line}, and then the end.
     *
     * @throws IOException
     *             only when the stream itself fails
     */
    Item next() throws IOException {
        while (!finished) {
            // Between records the parser has just passed a line break, so the next record starts on the next line;
            // line breaks inside quoted cells are counted too, so this is the physical line of the file.
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    finished = true;
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                finished = true;
                recordsRead++;
                return new RowError(line, "line", stopReason(e) + "; nothing from this line on was read");
            }
            recordsRead++;
            if (!ImportColumns.isBlank(record)) {
                return row(record, line);
            }
        }
        return null;
    }

    /**
     * How many data records (blank ones included) have been read so far. To resume after an interruption, open the file
     * again and call {@link #next()} until this reaches the count saved.
     */
    long recordsRead() {
        return recordsRead;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private Item row(CSVRecord record, long line) {
        String email = columns.email(record).strip();
        if (email.isEmpty()) {
            return new RowError(line, "email", "missing");
        }
        if (!ImportValues.isEmail(email)) {
            return new RowError(line, "email", "not a valid email address");
        }
        String excluded = columns.excluded(record);
        String name = ImportValues.text(columns.name(record));
        String time = ImportValues.text(columns.consentedAt(record));
        Instant consentedAt = time == null ? null : ImportValues.instant(time);
        String ip = ImportValues.text(columns.ip(record));
        String source = ImportValues.text(columns.source(record));
        RowError problem = problem(line, name, time, consentedAt, ip, source);
        if (problem == null) {
            return new ImportRow(line, email, name, ImportValues.sections(columns.sections(record)), consentedAt, ip,
                    source, excluded);
        }
        // A row the file itself excludes is skipped whatever else it says: report the reason, not a bad cell.
        return excluded == null ? problem : new ImportRow(line, email, null, List.of(), null, null, null, excluded);
    }

    /** The first cell of a row that cannot be imported, or null when it can. */
    private static RowError problem(long line, String name, String time, Instant consentedAt, String ip,
            String source) {
        if (name != null && ImportValues.tooLong(name)) {
            return new RowError(line, "name", TOO_LONG);
        }
        if (time != null && consentedAt == null) {
            return new RowError(line, "consented_at",
                    "not a date and time: write it as ISO 8601, such as 2024-03-10T07:02:41Z");
        }
        if (ip != null && !ImportValues.isIp(ip)) {
            return new RowError(line, "ip", "not an IPv4 or IPv6 address");
        }
        if (source != null && ImportValues.tooLong(source)) {
            return new RowError(line, "source", TOO_LONG);
        }
        return null;
    }

    /**
     * Why reading stopped, in words, for a failure of the parser's iterator (which wraps every IOException).
     *
     * @throws IOException
     *             the stream's own failure, which is not the file's fault
     */
    private static String stopReason(RuntimeException e) throws IOException {
        Throwable cause = e.getCause();
        if (cause instanceof CharacterCodingException) {
            return NOT_UTF8;
        }
        if (cause instanceof ImportText.RecordTooLong) {
            return cause.getMessage();
        }
        if (cause instanceof IOException io && !(cause instanceof CSVException)) {
            throw io;
        }
        return "not valid CSV (a quoted cell is never closed, or text follows its closing quote)";
    }
}
