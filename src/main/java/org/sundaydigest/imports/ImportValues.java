package org.sundaydigest.imports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sundaydigest.common.EmailAddress;

/**
 * Reading the values of an import file's cells: addresses, times, IP addresses, section lists and free text. Nothing
 * here looks anything up on the network.
 */
final class ImportValues {

    /** The most characters a name or a source may have. */
    static final int MAX_TEXT = 200;

    /** The same pattern as the service's {@code @EmailAddress}, so that whatever is imported can also be signed up. */
    private static final Pattern EMAIL = Pattern.compile(EmailAddress.REGEXP);

    /**
     * A date, optionally with a time and an offset, as the export tools write them: ISO 8601 with {@code T} or a space
     * ({@code 2024-03-10T07:02:41.123Z}, {@code 2024-03-10 07:02:41+00:00}, Mailchimp's {@code 2024-03-10 07:02:41}),
     * and Go's {@code 2024-03-10 07:02:41.123456 +0000 UTC} that listmonk writes (the name after the offset is
     * ignored). Groups: 1 the date, 2 the time, 3 the offset.
     */
    private static final Pattern TIME = Pattern
            .compile("(\\d{4}-\\d{2}-\\d{2})(?:[Tt ]" + "(\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)"
                    + "(?:\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)(?:\\s+(?:[A-Za-z]{1,5}|[+-]\\d{2}(?::?\\d{2})?))?"
                    + "|\\s+(?:UTC|GMT))?)?");

    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private static final Pattern SECTION_SEPARATOR = Pattern.compile("[;|]");

    private static final Pattern CONTROLS = Pattern.compile("\\p{Cntrl}+");

    private ImportValues() {
    }

    /** Whether a trimmed address is one the service accepts: the pattern, at most 254 characters, 64 before the @. */
    static boolean isEmail(String address) {
        return address.length() <= 254 && address.indexOf('@') <= 64 && EMAIL.matcher(address).matches();
    }

    /**
     * The instant a cell names, or null when it cannot be read. A time without an offset is taken as UTC (Mailchimp
     * writes UTC without saying so); a date alone means the start of that day, UTC.
     */
    static Instant instant(String text) {
        Matcher matcher = TIME.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(matcher.group(1));
            if (matcher.group(2) == null) {
                return date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            LocalTime time = LocalTime.parse(matcher.group(2).replace(',', '.'));
            String offset = matcher.group(3);
            ZoneOffset zone = offset == null || offset.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
            return date.atTime(time).toInstant(zone);
        } catch (DateTimeException e) {
            return null; // 2024-02-30, 25:00, an offset beyond 18 hours: not a time, said by the caller
        }
    }

    /**
     * Whether a trimmed cell is an IPv4 or IPv6 address literal. Checked by its form only: nothing is resolved, so a
     * host name in the file can never cause a DNS lookup.
     */
    static boolean isIp(String text) {
        return text.length() <= 45 && (IPV4.matcher(text).matches() || isIpv6(text));
    }

    private static boolean isIpv6(String text) {
        String hex = text;
        int lastColon = text.lastIndexOf(':');
        if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
            // An IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
            if (!IPV4.matcher(text.substring(lastColon + 1)).matches()) {
                return false;
            }
            hex = text.substring(0, lastColon + 1) + "0:0";
        }
        int compressed = hex.indexOf("::");
        if (compressed >= 0 && hex.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        String[] halves = compressed >= 0 ? new String[] { hex.substring(0, compressed), hex.substring(compressed + 2) }
                : new String[] { hex };
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (!HEX_GROUP.matcher(group).matches()) {
                    return false;
                }
                groups++;
            }
        }
        return compressed >= 0 ? groups <= 7 : groups == 8;
    }

    /**
     * The section names in a cell, separated by {@code ;} or {@code |}: trimmed, blanks dropped, each name once
     * (whatever its case; the first spelling is kept).
     */
    static List<String> sections(String cell) {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (String part : SECTION_SEPARATOR.split(cell)) {
            String name = text(part);
            if (name != null && seen.add(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * A cell as free text: control characters (line breaks in a quoted cell, tabs) become a space, since a name ends up
     * in a mail header; trimmed; null when nothing is left.
     */
    static String text(String cell) {
        String text = CONTROLS.matcher(cell).replaceAll(" ").strip();
        return text.isEmpty() ? null : text;
    }

    /** Whether a text is longer than {@link #MAX_TEXT} characters (counted as a reader would, not in UTF-16 units). */
    static boolean tooLong(String text) {
        return text.codePointCount(0, text.length()) > MAX_TEXT;
    }
}
