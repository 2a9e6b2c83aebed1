package org.sundaydigest.editor;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG, so that the page showing a new authenticator secret needs no image endpoint, which would be
 * one more place the secret travels through (and could be cached). The text itself never appears in the markup: only
 * module coordinates do, so nothing in it needs escaping.
 */
final class QrSvg {

    /** The blank margin the QR specification asks for, without which some phone cameras fail to find the code. */
    static final int QUIET_ZONE = 4;

    /** Pixels per module: a Key URI of some 150 characters comes out about 350 pixels square, easily scanned. */
    private static final int PIXELS_PER_MODULE = 6;

    private QrSvg() {
    }

    /**
     * The text as a QR code with medium error correction (recovers from 15% damage, a smudged or glaring screen), black
     * on white whatever the page's colours, since dark-mode inverted codes are not read by every app.
     */
    static String of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(qr.size * qr.size * 8);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    if (path.length() > 0) {
                        path.append(' ');
                    }
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        int pixels = side * PIXELS_PER_MODULE;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\"" + pixels
                + "\" height=\"" + pixels + "\" role=\"img\" aria-label=\"QR code\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>" + "<path d=\"" + path
                + "\" fill=\"#000000\"/></svg>";
    }
}
