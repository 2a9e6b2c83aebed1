package org.sundaydigest.common;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/** Small operations on text that readers, editors and feeds hand in. */
public final class Text {

    private Text() {
    }

    /** The text stripped, or null when it is null or blank. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * The text cut to at most {@code max} code points, ending in an ellipsis when something was cut; counted in code
     * points so that an emoji is never split.
     */
    public static String clip(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
    }

    /** Like {@link #clip}, but cut at a word when one ends in the second half of the room. */
    public static String clipAtWord(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int room = text.offsetByCodePoints(0, max - 1);
        int space = text.lastIndexOf(' ', room);
        int cut = space >= room / 2 ? space : room;
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /** A period as people say it: "2 years", "30 days", "1 year and 6 months". */
    public static String inWords(Period period) {
        List<String> parts = new ArrayList<>();
        add(parts, period.getYears(), "year");
        add(parts, period.getMonths(), "month");
        add(parts, period.getDays(), "day");
        return parts.isEmpty() ? "0 days" : String.join(" and ", parts);
    }

    private static void add(List<String> parts, int count, String unit) {
        if (count != 0) {
            parts.add(count + " " + unit + (count == 1 ? "" : "s"));
        }
    }

    /** At most {@code max} chars, without an ellipsis and without splitting a surrogate pair: what fits a column. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** A name with the article, unless it starts with one: "the Sunday Digest", "The Insider". */
    public static String withArticle(String name, String article) {
        return name.regionMatches(true, 0, "the ", 0, 4) ? name : article + name;
    }
}
