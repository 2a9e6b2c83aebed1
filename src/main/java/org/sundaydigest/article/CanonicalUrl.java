package org.sundaydigest.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The form of an article URL that identifies it: scheme and host lower-cased, default port, fragment and tracking
 * parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_*}) dropped. Two links to one article give one
 * canonical URL.
 */
public final class CanonicalUrl {

    private CanonicalUrl() {
    }

    /** Canonical form of an absolute http(s) URL (validated before this is called). */
    public static String of(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = withoutTracking(uri.getRawQuery());
            StringBuilder canonical = new StringBuilder(scheme).append("://");
            if (uri.getRawUserInfo() != null) {
                canonical.append(uri.getRawUserInfo()).append('@');
            }
            canonical.append(uri.getHost().toLowerCase(Locale.ROOT));
            if (port != -1) {
                canonical.append(':').append(port);
            }
            canonical.append(path);
            if (query != null) {
                canonical.append('?').append(query);
            }
            return canonical.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        String kept = Arrays.stream(rawQuery.split("&")).filter(p -> !p.isEmpty() && !isTracking(p))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    private static boolean isTracking(String parameter) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || name.startsWith("mc_") || name.equals("fbclid") || name.equals("gclid");
    }
}
