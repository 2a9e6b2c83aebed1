package org.sundaydigest.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import io.nayuki.qrcodegen.QrCode;

class QrSvgTest {

    private static final String URI = "otpauth://totp/Sunday%20Digest:jane%40example.org"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sunday%20Digest&algorithm=SHA1&digits=6&period=30";

    @Test
    void theSvgIsWellFormedXmlWithAQuietZoneOfFourModules() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrCode.Ecc.MEDIUM);

        Element svg = parse(QrSvg.of(URI)).getDocumentElement();

        int side = qr.size + 8;
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 " + side + " " + side);
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.getAttribute("aria-label")).isEqualTo("QR code");
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength()).isOne();
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()).isOne();
    }

    @Test
    void thePathHasOneCellPerDarkModuleAllInsideTheQuietZone() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrCode.Ecc.MEDIUM);
        int dark = 0;
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                dark += qr.getModule(x, y) ? 1 : 0;
            }
        }

        Element path = (Element) parse(QrSvg.of(URI)).getElementsByTagNameNS("http://www.w3.org/2000/svg", "path")
                .item(0);

        String d = path.getAttribute("d");
        Matcher cell = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(d);
        int cells = 0;
        while (cell.find()) {
            cells++;
            assertThat(Integer.parseInt(cell.group(1))).isBetween(4, qr.size + 3);
            assertThat(Integer.parseInt(cell.group(2))).isBetween(4, qr.size + 3);
        }
        assertThat(cells).isEqualTo(dark).isPositive();
        assertThat(d.split("h1v1h-1z", -1)).hasSize(dark + 1);
        assertThat(qr.getModule(0, 0)).isTrue();
        assertThat(d).startsWith("M4,4h1v1h-1z");
    }

    @Test
    void markupInTheTextNeverReachesTheSvg() throws Exception {
        String text = "<script>alert(\"x\")</script>&amp;'";

        String svg = QrSvg.of(text);

        parse(svg);
        assertThat(svg).doesNotContain(text).doesNotContain("<script").doesNotContain("alert").doesNotContain("&");
        assertThat(svg.chars().filter(c -> c == '<').count()).isEqualTo(4);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
