package org.sundaydigest.mail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list headers of RFC 2369 and RFC 8058 for a reader's email: the List-Id, and the one-click way out that mail
 * clients show as an "Unsubscribe" button (an https link the client may POST to, and a mailto: when one is read).
 */
public final class ListHeaders {

    private ListHeaders() {
    }

    /** "Publication &lt;digest.host&gt;", with nothing that could end the header or the angle brackets. */
    public static String listId(String publication, String host) {
        return publication.replaceAll("[\\p{Cntrl}<>\"]+", " ").strip() + " <digest." + host + ">";
    }

    /** The host of the public URL, on which the List-Id is. */
    public static String hostOf(String publicUrl) {
        String host = java.net.URI.create(publicUrl).getHost();
        return host == null ? "localhost" : host;
    }

    /** The headers of an email a reader can leave from with one click. */
    public static Map<String, String> of(String listId, String unsubscribeUrl, String mailto) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", listId);
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">" + (mailto == null ? "" : ", <" + mailto + ">"));
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }
}
