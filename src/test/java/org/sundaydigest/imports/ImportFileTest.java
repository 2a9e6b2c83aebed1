package org.sundaydigest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading import files as Mailchimp, Substack, Ghost, listmonk and spreadsheets write them. */
class ImportFileTest {

    @Test
    void aMailchimpExportTakesTheConfirmationOverTheOptInAndJoinsFirstAndLastName() throws Exception {
        ImportFile file = resource("mailchimp-subscribed.csv");

        assertThat(file.mapping().fields()).containsExactly(entry("email", "Email Address"),
                entry("name", "First Name + Last Name"), entry("consented_at", "CONFIRM_TIME, else OPTIN_TIME"),
                entry("ip", "CONFIRM_IP, else OPTIN_IP"));
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "ada@example.org", "Ada Lovelace", List.of(), Instant.parse("2024-03-10T07:02:41Z"),
                        "203.0.113.9", null, null),
                new ImportRow(3, "grace@example.org", "Grace", List.of(), Instant.parse("2024-01-02T03:04:05Z"),
                        "2001:db8::1", null, null),
                // No confirmation in this row: the opt-in is the evidence there is.
                new ImportRow(4, "alan@example.org", null, List.of(), Instant.parse("2023-11-30T23:59:59Z"),
                        "::ffff:192.0.2.33", null, null));
    }

    @Test
    void mailchimpsUnsubscribedAndCleanedExportsExcludeTheirRows() throws Exception {
        ImportFile file = resource("mailchimp-unsubscribed.csv");

        assertThat(file.mapping().fields()).containsEntry("excluded", "UNSUB_TIME");
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "left@example.org", "Lee Left", List.of(), Instant.parse("2023-05-01T10:00:00Z"),
                        "192.0.2.10", null, "unsubscribed in the source"),
                new ImportRow(3, "stayed@example.org", "Sam Stayed", List.of(), Instant.parse("2023-05-02T10:00:00Z"),
                        "192.0.2.11", null, null));

        String cleaned = "\"Email Address\",\"First Name\",\"Last Name\",Address,\"Phone Number\",Birthday,"
                + "MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,"
                + "TIMEZONE,CC,REGION,CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID,LAST_CHANGED,LEID,EUID,NOTES,"
                + "TAGS\n" + "bounced@example.org,Bo,Unced,,,,1,,,\"2022-02-02 02:02:02\",192.0.2.20,,,,,,,,"
                + "\"2024-01-15 12:00:00\",\"January issue\",def456,\"2024-01-15 12:00:00\",111,aa11,,\n";
        assertThat(read(open(cleaned))).containsExactly(new ImportRow(2, "bounced@example.org", "Bo Unced", List.of(),
                Instant.parse("2022-02-02T02:02:02Z"), "192.0.2.20", null, "cleaned (bounced) in the source"));
    }

    @Test
    void aSubstackListTakesTheCreationTimeAndExcludesDisabledEmail() throws Exception {
        ImportFile file = resource("substack.csv");

        assertThat(file.mapping().fields()).containsExactly(entry("email", "email"),
                entry("consented_at", "created_at"), entry("excluded", "email_disabled"));
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "reader@example.com", null, List.of(), Instant.parse("2021-01-04T21:03:31.591Z"), null,
                        null, null),
                new ImportRow(3, "paying@example.com", null, List.of(), Instant.parse("2022-06-01T08:00:00Z"), null,
                        null, null),
                new ImportRow(4, "gone@example.com", null, List.of(), Instant.parse("2020-05-05T05:05:05Z"), null, null,
                        "email disabled in the source"));
    }

    @Test
    void ghostMembersWhoTurnedEmailsOffOrWereDeletedAreExcludedAndLabelsAreNotSections() throws Exception {
        ImportFile file = resource("ghost-members.csv");

        assertThat(file.mapping().fields()).containsExactly(entry("email", "email"), entry("name", "name"),
                entry("consented_at", "created_at"), entry("excluded", "subscribed_to_emails, deleted_at"));
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "hannah@example.com", "Hannah Arendt", List.of(),
                        Instant.parse("2022-05-27T11:38:12Z"), null, null, null),
                new ImportRow(3, "quiet@example.com", "Quiet One", List.of(), Instant.parse("2022-05-28T11:38:12Z"),
                        null, null, "not subscribed to emails in the source"),
                new ImportRow(4, "deleted@example.com", "Gone Away", List.of(), Instant.parse("2022-05-29T11:38:12Z"),
                        null, null, "deleted in the source"));
    }

    @Test
    void listmonkSubscribersKeepTheirOffsetsAndBlocklistedOnesAreExcluded() throws Exception {
        ImportFile file = resource("listmonk-subscribers.csv");

        assertThat(file.mapping().fields()).containsExactly(entry("email", "email"), entry("name", "name"),
                entry("consented_at", "created_at"), entry("excluded", "status"));
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "lin@example.org", "Lin Reader", List.of(),
                        Instant.parse("2021-06-12T03:38:07.123456Z"), null, null, null),
                new ImportRow(3, "utc@example.org", "Uma Tee", List.of(), Instant.parse("2022-01-01T00:00:00Z"), null,
                        null, null),
                new ImportRow(4, "blocked@example.org", "Blocked Person", List.of(),
                        Instant.parse("2020-02-02T02:02:02.500Z"), null, null, "blocklisted in the source"));
    }

    @Test
    void aSpreadsheetWithABomAndSemicolonsIsReadWithQuotedSectionLists() throws Exception {
        ImportFile file = resource("spreadsheet-semicolons.csv");

        assertThat(file.mapping().fields()).containsExactly(entry("email", "email"), entry("name", "name"),
                entry("sections", "sections"), entry("consented_at", "consented_at"), entry("ip", "ip"),
                entry("source", "source"));
        assertThat(read(file)).containsExactly(
                new ImportRow(2, "jo@example.org", "Jo Bloggs", List.of("Politics", "Science"),
                        Instant.parse("2024-03-10T00:00:00Z"), "192.0.2.1", "Spring fair sign-up sheet", null),
                new ImportRow(3, "mo@example.org", "Mo, Esq.", List.of("Culture", "Books"),
                        Instant.parse("2024-03-10T06:02:41Z"), null, null, null));
    }

    @Test
    void anUnquotedSemicolonInASemicolonFileStartsTheNextCell() throws Exception {
        assertThat(rows(read(open("email;sections\ne@example.org;News;Sport\n")))).extracting(ImportRow::sections)
                .containsExactly(List.of("News"));
    }

    @Test
    void aTabSeparatedFileIsRead() throws Exception {
        assertThat(rows(read(open("email\tname\nt@example.org\tTab Person\n")))).extracting(ImportRow::name)
                .containsExactly("Tab Person");
    }

    @Test
    void sectionsAreSplitOnSemicolonsAndBarsTrimmedAndEachNamedOnce() throws Exception {
        String csv = "email,sections\n" + "a@example.org,News;Sport\n" + "b@example.org,News|Sport | Culture\n"
                + "c@example.org,\"News; ;Sport;news\"\n" + "d@example.org,\n";

        assertThat(rows(read(open(csv)))).extracting(ImportRow::sections).containsExactly(List.of("News", "Sport"),
                List.of("News", "Sport", "Culture"), List.of("News", "Sport"), List.of());
    }

    @Test
    void quotedCellsKeepTheirSeparatorsQuotesAndLineBreaksAndLaterLineNumbersStayRight() throws Exception {
        String csv = "email,name,source\n" + "\"quoted@example.org\",\"Doe, Jane\",\"She said \"\"hi\"\"\"\n"
                + "multi@example.org,\"Line one\nline two\",flyer\n" + "after@example.org,After,\"x\"\n";

        for (String text : List.of(csv, csv.replace("\n", "\r\n"))) {
            assertThat(read(open(text))).containsExactly(
                    new ImportRow(2, "quoted@example.org", "Doe, Jane", List.of(), null, null, "She said \"hi\"", null),
                    // The line break becomes a space: a name ends up in a mail header.
                    new ImportRow(3, "multi@example.org", "Line one line two", List.of(), null, null, "flyer", null),
                    new ImportRow(5, "after@example.org", "After", List.of(), null, null, "x", null));
        }
    }

    @Test
    void addressesDifferingOnlyInCaseAreBothReturnedAsTyped() throws Exception {
        String csv = "email,name\nReader@Example.org,First\n reader@example.org ,Second\n";

        assertThat(rows(read(open(csv)))).extracting(ImportRow::email).containsExactly("Reader@Example.org",
                "reader@example.org");
    }

    @Test
    void duplicateHeadersDoNotFailTheFileAndTheFirstCounts() throws Exception {
        String csv = "email,Email,name,UNSUB_REASON,UNSUB_REASON\nfirst@example.org,second@example.org,N,,\n";

        assertThat(rows(read(open(csv)))).extracting(ImportRow::email).containsExactly("first@example.org");
    }

    @Test
    void everyKindOfBadRowIsReportedWithItsLineAndFieldAndTheOthersGoOn() throws Exception {
        ImportFile file = resource("every-bad-row.csv");
        List<ImportFile.Item> items = read(file);

        assertThat(errors(items)).extracting(RowError::line, RowError::field, RowError::message).containsExactly(
                tuple(2L, "email", "missing"), tuple(3L, "email", "not a valid email address"),
                tuple(5L, "consented_at", "not a date and time: write it as ISO 8601, such as 2024-03-10T07:02:41Z"),
                tuple(6L, "ip", "not an IPv4 or IPv6 address"), tuple(7L, "ip", "not an IPv4 or IPv6 address"),
                tuple(8L, "name", "longer than 200 characters"), tuple(9L, "source", "longer than 200 characters"),
                tuple(12L, "email", "not a valid email address"),
                tuple(13L, "consented_at", "not a date and time: write it as ISO 8601, such as 2024-03-10T07:02:41Z"));
        assertThat(rows(items)).containsExactly(
                new ImportRow(4, "ok@example.org", "Fine", List.of("News"), Instant.parse("2024-03-10T00:00:00Z"),
                        "192.0.2.1", "fair", null),
                // Fewer cells than the header: the missing ones are blank.
                new ImportRow(14, "short@example.org", null, List.of(), null, null, null, null));
        // Lines 10 and 11 are blank: read, and passed over without a word.
        assertThat(file.recordsRead()).isEqualTo(13);
    }

    @Test
    void aRowTheFileExcludesIsSkippedWithItsReasonEvenWhenAnotherCellIsBad() throws Exception {
        String csv = "email,ip,status\nx@example.org,not-an-ip,blocklisted\n";

        assertThat(read(open(csv))).containsExactly(
                new ImportRow(2, "x@example.org", null, List.of(), null, null, null, "blocklisted in the source"));
    }

    @Test
    void recordsReadCountsEveryDataRecordSoAnImportCanResume() throws Exception {
        ImportFile file = open("email\na@example.org\n\nb@example.org\n");

        assertThat(file.recordsRead()).isZero();
        assertThat(((ImportRow) file.next()).email()).isEqualTo("a@example.org");
        assertThat(file.recordsRead()).isEqualTo(1);
        assertThat(((ImportRow) file.next()).line()).isEqualTo(4);
        assertThat(file.recordsRead()).isEqualTo(3);
        assertThat(file.next()).isNull();
        assertThat(file.recordsRead()).isEqualTo(3);
        file.close();
    }

    @Test
    void anUnclosedQuoteAtTheEndGivesAnErrorAndThenTheEndWithoutAnException() throws Exception {
        ImportFile file = open("email,name\nok@example.org,Fine\nbad@example.org,\"never closed\n");

        assertThat(file.next()).isInstanceOf(ImportRow.class);
        ImportFile.Item error = file.next();
        assertThat(error).isInstanceOf(RowError.class);
        assertThat((RowError) error).extracting(RowError::line, RowError::field).containsExactly(3L, "line");
        assertThat(((RowError) error).message()).contains("never closed");
        assertThat(file.next()).isNull();
        assertThat(file.next()).isNull();
        file.close();
    }

    @Test
    void aQuoteNeverClosedEarlyInALongFileStopsAtAMillionCharactersInsteadOfFillingMemory() throws Exception {
        StringBuilder csv = new StringBuilder("email,name\nok@example.org,Fine\nbad@example.org,\"never closed\n");
        String filler = "x".repeat(59) + "\n";
        while (csv.length() < 1_200_000) {
            csv.append(filler);
        }
        csv.append("late@example.org,Late\n");

        List<ImportFile.Item> items = read(open(csv.toString()));

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(ImportRow.class);
        assertThat(errors(items)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.field()).isEqualTo("line");
            assertThat(error.message()).contains(String.valueOf(ImportFile.MAX_RECORD_CHARS));
        });
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedOrStoppedWhereItStopsBeingUtf8() throws Exception {
        byte[] latin1 = "email,pr\u00e9nom\nfrancois@example.org,Fran\u00e7ois\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ImportFile.open(new ByteArrayInputStream(latin1)))
                .isInstanceOf(ImportFile.Unreadable.class).hasMessageContaining("UTF-8");

        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("reader").append(i).append("@example.org,Reader\n");
        }
        csv.append("jose@example.org,Jos\u00e9\n");
        List<ImportFile.Item> items = read(
                ImportFile.open(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.ISO_8859_1))));

        assertThat(rows(items).size()).isGreaterThan(1000);
        assertThat(items.get(items.size() - 1)).isInstanceOfSatisfying(RowError.class, error -> {
            assertThat(error.field()).isEqualTo("line");
            assertThat(error.message()).contains("UTF-8");
        });
    }

    @Test
    void aFileWithoutAnEmailColumnIsUnreadable() {
        assertThatThrownBy(() -> open("name,source\nJane,fair\n")).isInstanceOf(ImportFile.Unreadable.class)
                .hasMessage("no email column: expected one of email, Email Address, E-mail");
    }

    @Test
    void anEmptyFileOrOneWithoutAHeaderRowIsUnreadable() {
        assertThatThrownBy(() -> open("")).isInstanceOf(ImportFile.Unreadable.class).hasMessage("the file is empty");
        assertThatThrownBy(() -> open("\uFEFF")).isInstanceOf(ImportFile.Unreadable.class)
                .hasMessage("the file is empty");
        assertThatThrownBy(() -> open("\n\r\n")).isInstanceOf(ImportFile.Unreadable.class)
                .hasMessage("the file has no header row");
        assertThatThrownBy(() -> open("\"email,name\n")).isInstanceOf(ImportFile.Unreadable.class)
                .hasMessageStartingWith("the header row cannot be read");
    }

    @Test
    void emailColumnsAreFoundWhateverTheirSpellingAndBlankLinesBeforeTheHeaderAreSkipped() throws Exception {
        for (String header : List.of("email", "Email Address", "E-mail", "Email_Address", " EMAIL ")) {
            assertThat(rows(read(open("\n" + header + ",x\nfound@example.org,1\n")))).as(header)
                    .extracting(ImportRow::email, ImportRow::line).containsExactly(tuple("found@example.org", 3L));
        }
    }

    @Test
    void timesAreReadInTheFormsTheExportToolsWrite() {
        Instant expected = Instant.parse("2024-03-10T07:02:41Z");
        for (String text : List.of("2024-03-10T07:02:41Z", "2024-03-10 07:02:41", "2024-03-10T07:02:41",
                "2024-03-10 07:02:41+00:00", "2024-03-10T08:02:41+01:00", "2024-03-10 07:02:41 +0000 UTC")) {
            assertThat(ImportValues.instant(text)).as(text).isEqualTo(expected);
        }
        assertThat(ImportValues.instant("2024-03-10T07:02:41.123Z"))
                .isEqualTo(Instant.parse("2024-03-10T07:02:41.123Z"));
        assertThat(ImportValues.instant("2024-03-10")).isEqualTo(Instant.parse("2024-03-10T00:00:00Z"));
        for (String text : List.of("10/03/2024", "yesterday", "2024-02-30", "2024-03-10T25:00:00Z", "1710054161")) {
            assertThat(ImportValues.instant(text)).as(text).isNull();
        }
    }

    @Test
    void ipAddressesAreCheckedByTheirFormWithoutLookingAnythingUp() {
        for (String ip : List.of("192.0.2.1", "2001:db8::1", "::1", "::", "fe80::", "::ffff:192.0.2.33",
                "2001:0db8:0000:0000:0000:ff00:0042:8329")) {
            assertThat(ImportValues.isIp(ip)).as(ip).isTrue();
        }
        for (String ip : List.of("999.1.1.1", "192.0.2", "mail.example.org", "localhost", "2001:db8::1::2",
                "1:2:3:4:5:6:7:8:9", "[2001:db8::1]", "fe80::1%eth0", "1:2:3:4:5:6:7:")) {
            assertThat(ImportValues.isIp(ip)).as(ip).isFalse();
        }
    }

    @Test
    void twoHundredThousandRowsAreStreamedAsTheyArrive() throws Exception {
        GeneratedRows source = new GeneratedRows(200_000);
        long rows = 0;
        long lastLine = 0;
        try (ImportFile file = ImportFile.open(source)) {
            ImportFile.Item first = file.next();
            // Only a buffer's worth has been taken from a stream of some 7 MB.
            assertThat(source.produced()).isLessThan(200_000);
            for (ImportFile.Item item = first; item != null; item = file.next()) {
                assertThat(item).isInstanceOf(ImportRow.class);
                rows++;
                lastLine = ((ImportRow) item).line();
            }
            assertThat(file.recordsRead()).isEqualTo(200_000);
        }
        assertThat(rows).isEqualTo(200_000);
        assertThat(lastLine).isEqualTo(200_001);
    }

    /** A header and then {@code rows} rows, made as they are read: the file never exists as a whole. */
    private static final class GeneratedRows extends InputStream {
        private final int rows;
        private int made;
        private byte[] line = "email,name\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private long produced;

        GeneratedRows(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (position == line.length) {
                if (made == rows) {
                    return -1;
                }
                made++;
                line = ("reader" + made + "@example.org,Reader " + made + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            produced++;
            return line[position++] & 0xFF;
        }

        long produced() {
            return produced;
        }
    }

    private static ImportFile open(String text) throws IOException, ImportFile.Unreadable {
        return ImportFile.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ImportFile resource(String name) throws IOException, ImportFile.Unreadable {
        InputStream in = ImportFileTest.class.getResourceAsStream("/imports/" + name);
        assertThat(in).as(name).isNotNull();
        return ImportFile.open(in);
    }

    /** Every item of the file, which is then closed. */
    private static List<ImportFile.Item> read(ImportFile file) throws IOException {
        try (file) {
            List<ImportFile.Item> items = new ArrayList<>();
            for (ImportFile.Item item = file.next(); item != null; item = file.next()) {
                items.add(item);
            }
            return items;
        }
    }

    private static List<ImportRow> rows(List<ImportFile.Item> items) {
        return items.stream().filter(ImportRow.class::isInstance).map(ImportRow.class::cast).toList();
    }

    private static List<RowError> errors(List<ImportFile.Item> items) {
        return items.stream().filter(RowError.class::isInstance).map(RowError.class::cast).toList();
    }
}
