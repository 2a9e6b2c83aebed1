package org.sundaydigest.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jdom2.Element;
import org.jdom2.Namespace;
import org.sundaydigest.common.HttpUrl;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndLink;

/** The URLs of a feed entry: its web page and its image, made absolute; only http and https are taken. */
final class EntryLinks {

    private static final Namespace MEDIA = Namespace.getNamespace("http://search.yahoo.com/mrss/");
    private static final Pattern IMAGE_PATH = Pattern.compile("(?i).*\\.(jpe?g|png|gif|webp|avif)$");

    private EntryLinks() {
    }

    /** The entry's web page: its link, else its first alternate link, else a GUID that is a URL; made absolute. */
    static String page(SyndEntry entry, URI base) {
        List<String> candidates = new ArrayList<>();
        candidates.add(entry.getLink());
        for (SyndLink l : entry.getLinks()) {
            if (l.getRel() == null || l.getRel().equals("alternate")) {
                candidates.add(l.getHref());
            }
        }
        for (String candidate : candidates) {
            String absolute = absolute(candidate, base);
            if (absolute != null) {
                return absolute;
            }
        }
        String guid = entry.getUri() == null ? "" : entry.getUri().strip();
        if (HttpUrl.Validator.isHttpUrl(guid)) {
            return guid;
        }
        throw new IllegalArgumentException("has no link to an http or https page");
    }

    static String absolute(String url, URI base) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String resolved = base.resolve(new URI(url.strip())).toString();
            return HttpUrl.Validator.isHttpUrl(resolved) ? resolved : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** An image enclosure, else a {@code media:content} image, else a {@code media:thumbnail}. */
    static String image(SyndEntry entry, URI page) {
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            String type = enclosure.getType();
            boolean image = type != null ? type.toLowerCase(Locale.ROOT).startsWith("image/")
                    : enclosure.getUrl() != null && IMAGE_PATH.matcher(pathOf(enclosure.getUrl())).matches();
            String url = image ? absolute(enclosure.getUrl(), page) : null;
            if (url != null) {
                return url;
            }
        }
        List<Element> media = new ArrayList<>();
        for (Element element : entry.getForeignMarkup()) {
            if (MEDIA.equals(element.getNamespace()) && element.getName().equals("group")) {
                media.addAll(element.getChildren());
            } else {
                media.add(element);
            }
        }
        for (String wanted : List.of("content", "thumbnail")) {
            for (Element element : media) {
                if (MEDIA.equals(element.getNamespace()) && element.getName().equals(wanted)) {
                    String type = element.getAttributeValue("type", "").toLowerCase(Locale.ROOT);
                    String medium = element.getAttributeValue("medium", "").toLowerCase(Locale.ROOT);
                    String src = element.getAttributeValue("url");
                    boolean image = wanted.equals("thumbnail") || medium.equals("image") || type.startsWith("image/")
                            || (medium.isEmpty() && type.isEmpty() && src != null
                                    && IMAGE_PATH.matcher(pathOf(src)).matches());
                    String url = image ? absolute(src, page) : null;
                    if (url != null) {
                        return url;
                    }
                }
            }
        }
        return null;
    }

    private static String pathOf(String url) {
        int end = url.length();
        for (char c : new char[] { '?', '#' }) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return url.substring(0, end);
    }
}
