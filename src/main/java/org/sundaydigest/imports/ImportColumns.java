package org.sundaydigest.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVRecord;

/**
 * Which column of an import file holds what, found by header name the way the export tools write them. Names are
 * compared case-insensitively and without spaces, {@code _} and {@code -}, so {@code Email Address},
 * {@code email_address} and {@code E-mail} all match; unknown columns are ignored; of duplicate headers the first
 * counts.
 * <ul>
 * <li>Mailchimp audience export: {@code Email Address}, {@code First Name} + {@code Last Name}, {@code CONFIRM_TIME}
 * (when blank, {@code OPTIN_TIME}), {@code CONFIRM_IP} (when blank, {@code OPTIN_IP}); a non-blank {@code UNSUB_TIME}
 * or {@code CLEAN_TIME} (the unsubscribed and cleaned exports) excludes the row. {@code TAGS} are not sections.
 * <li>Substack {@code email_list}: {@code email}, {@code created_at}; {@code email_disabled} = true excludes.
 * <li>Ghost members: {@code email}, {@code name}, {@code created_at}; {@code subscribed_to_emails} = false or a
 * non-blank {@code deleted_at} excludes. {@code labels} are not sections.
 * <li>listmonk subscribers: {@code email}, {@code name}, {@code created_at}; {@code status} = blocklisted excludes.
 * <li>A spreadsheet, or this service's own export: {@code email}, {@code name}, {@code sections}, {@code consented_at}
 * (else {@code confirmed_at}), {@code ip}, {@code source}; {@code status} unsubscribed or bounced, or a non-blank
 * {@code unsubscribed_at}, excludes.
 * </ul>
 * The consent time and IP are read from the first of their columns that is not blank in the row, in the order below:
 * confirmation is stronger evidence than opt-in, which is stronger than the record's creation.
 */
final class ImportColumns {

    static final String EXPECTED_EMAIL = "email, Email Address, E-mail";

    private static final List<String> EMAIL = List.of("email", "emailaddress");
    private static final List<String> NAME = List.of("name", "fullname");
    private static final List<String> FIRST_NAME = List.of("firstname", "fname");
    private static final List<String> LAST_NAME = List.of("lastname", "lname");
    private static final List<String> SECTIONS = List.of("sections");
    private static final List<String> CONSENTED_AT = List.of("consentedat", "confirmtime", "confirmedat", "optintime",
            "createdat", "subscribedat");
    private static final List<String> IP = List.of("ip", "confirmip", "optinip");
    private static final List<String> SOURCE = List.of("source");

    /** A column whose value says, in the words of the tool that wrote the file, that the person is not subscribed. */
    private record Exclusion(String key, Predicate<String> applies, String reason) {
    }

    private static final Predicate<String> NOT_BLANK = value -> !value.isEmpty();

    private static final List<Exclusion> EXCLUSIONS = List.of(
            new Exclusion("unsubtime", NOT_BLANK, "unsubscribed in the source"), // Mailchimp
            new Exclusion("cleantime", NOT_BLANK, "cleaned (bounced) in the source"), // Mailchimp
            new Exclusion("emaildisabled", "true"::equalsIgnoreCase, "email disabled in the source"), // Substack
            new Exclusion("subscribedtoemails", "false"::equalsIgnoreCase, "not subscribed to emails in the source"),
            new Exclusion("deletedat", NOT_BLANK, "deleted in the source"), // Ghost
            new Exclusion("status", "blocklisted"::equalsIgnoreCase, "blocklisted in the source"), // listmonk
            new Exclusion("status", "unsubscribed"::equalsIgnoreCase, "unsubscribed in the source"), // our own export
            new Exclusion("status", "bounced"::equalsIgnoreCase, "bounced in the source"),
            new Exclusion("status", "pending"::equalsIgnoreCase, "never confirmed in the source"),
            new Exclusion("unsubscribedat", NOT_BLANK, "unsubscribed in the source"));

    private record Check(int column, Exclusion rule) {
    }

    private final int email;
    private final int name;
    private final int firstName;
    private final int lastName;
    private final int sections;
    private final int[] consentedAt;
    private final int[] ip;
    private final int source;
    private final List<Check> exclusions = new ArrayList<>();
    private final Map<String, String> mapping;

    private ImportColumns(List<String> header) {
        List<String> keys = header.stream().map(ImportColumns::key).toList();
        email = find(keys, EMAIL);
        name = find(keys, NAME);
        firstName = name < 0 ? find(keys, FIRST_NAME) : -1;
        lastName = name < 0 ? find(keys, LAST_NAME) : -1;
        sections = find(keys, SECTIONS);
        consentedAt = findAll(keys, CONSENTED_AT);
        ip = findAll(keys, IP);
        source = find(keys, SOURCE);
        List<String> excludedBy = new ArrayList<>();
        for (Exclusion rule : EXCLUSIONS) {
            int column = keys.indexOf(rule.key());
            if (column >= 0) {
                exclusions.add(new Check(column, rule));
                if (!excludedBy.contains(header.get(column).strip())) {
                    excludedBy.add(header.get(column).strip());
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "email", header, email);
        if (name >= 0) {
            put(fields, "name", header, name);
        } else if (firstName >= 0 || lastName >= 0) {
            List<String> parts = new ArrayList<>();
            for (int column : new int[] { firstName, lastName }) {
                if (column >= 0) {
                    parts.add(header.get(column).strip());
                }
            }
            fields.put("name", String.join(" + ", parts));
        }
        put(fields, "sections", header, sections);
        put(fields, "consented_at", header, consentedAt);
        put(fields, "ip", header, ip);
        put(fields, "source", header, source);
        if (!excludedBy.isEmpty()) {
            fields.put("excluded", String.join(", ", excludedBy));
        }
        mapping = Collections.unmodifiableMap(fields);
    }

    /** The columns of a file with this header row. */
    static ImportColumns of(List<String> header) {
        return new ImportColumns(header);
    }

    boolean hasEmail() {
        return email >= 0;
    }

    /** From field ({@code email}, {@code name}, ... {@code excluded}) to the header it is read from, in that order. */
    Map<String, String> mapping() {
        return mapping;
    }

    String email(CSVRecord record) {
        return cell(record, email);
    }

    /** The name cell, or First Name and Last Name joined by a space when the file has those instead. */
    String name(CSVRecord record) {
        if (name >= 0 || (firstName < 0 && lastName < 0)) {
            return cell(record, name);
        }
        String first = cell(record, firstName).strip();
        String last = cell(record, lastName).strip();
        return first.isEmpty() || last.isEmpty() ? first + last : first + " " + last;
    }

    String sections(CSVRecord record) {
        return cell(record, sections);
    }

    /** The first consent time the row gives, or empty. */
    String consentedAt(CSVRecord record) {
        return firstNotBlank(record, consentedAt);
    }

    /** The first IP address the row gives, or empty. */
    String ip(CSVRecord record) {
        return firstNotBlank(record, ip);
    }

    String source(CSVRecord record) {
        return cell(record, source);
    }

    /** Why the file says this person is not subscribed, or null when it does not. */
    String excluded(CSVRecord record) {
        for (Check check : exclusions) {
            if (check.rule().applies().test(cell(record, check.column()).strip())) {
                return check.rule().reason();
            }
        }
        return null;
    }

    /** Whether every cell of a record is blank: such a row is skipped without a word. */
    static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** A header name reduced to what identifies it: lower case, without spaces, underscores and hyphens. */
    static String key(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
    }

    /**
     * The cell, or empty when the file has no such column or this record is shorter than the header. The quote that
     * exports (ours too) put before a leading formula character, so that spreadsheets do not run it, is taken off.
     */
    private static String cell(CSVRecord record, int column) {
        String value = column >= 0 && column < record.size() ? record.get(column) : "";
        return value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    private static String firstNotBlank(CSVRecord record, int[] columns) {
        for (int column : columns) {
            String value = cell(record, column);
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    /** Every column that is one of the candidates, in the candidates' order. */
    private static int[] findAll(List<String> keys, List<String> candidates) {
        return candidates.stream().mapToInt(keys::indexOf).filter(column -> column >= 0).toArray();
    }

    private static int find(List<String> keys, List<String> candidates) {
        for (String candidate : candidates) {
            int column = keys.indexOf(candidate);
            if (column >= 0) {
                return column;
            }
        }
        return -1;
    }

    private static void put(Map<String, String> fields, String field, List<String> header, int column) {
        if (column >= 0) {
            fields.put(field, header.get(column).strip());
        }
    }

    /** Several columns read in turn: {@code CONFIRM_TIME, else OPTIN_TIME}. */
    private static void put(Map<String, String> fields, String field, List<String> header, int[] columns) {
        List<String> names = new ArrayList<>();
        for (int column : columns) {
            names.add(header.get(column).strip());
        }
        if (!names.isEmpty()) {
            fields.put(field, String.join(", else ", names));
        }
    }
}
