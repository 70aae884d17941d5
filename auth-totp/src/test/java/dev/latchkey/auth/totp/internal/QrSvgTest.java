package dev.latchkey.auth.totp.internal;

import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The SVG is well-formed, static, and draws exactly the library's QR matrix inside a quiet zone. */
class QrSvgTest {
    private static final String URI = "otpauth://totp/Acme:ann%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Acme&algorithm=SHA1&digits=6&period=30";
    private static final Pattern SQUARE_RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void theSvg_isWellFormedXmlInTheSvgNamespace() throws Exception {
        Element svg = parse(QrSvg.render(URI)).getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    }

    @Test
    void theSvg_hasNoScriptNoEventHandlerAndNoReference() throws Exception {
        String text = QrSvg.render(URI);
        Document doc = parse(text);
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.getLocalName()).isIn("svg", "rect", "path");
            NamedNodeMap attributes = e.getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                String name = attributes.item(j).getNodeName().toLowerCase(java.util.Locale.ROOT);
                assertThat(name).doesNotStartWith("on").doesNotContain("href");
            }
        }
        assertThat(text.toLowerCase(java.util.Locale.ROOT)).doesNotContain("script", "<!", "<?", "url(");
    }

    @Test
    void theViewBox_coversTheCodeAndAQuietZoneOfFourModules() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrSvg.ERROR_CORRECTION);
        Element svg = parse(QrSvg.render(URI)).getDocumentElement();
        int side = qr.size + 2 * QrSvg.QUIET_ZONE;
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 " + side + " " + side);
        Element background = (Element) svg.getElementsByTagNameNS("*", "rect").item(0);
        assertThat(background.getAttribute("width")).isEqualTo(String.valueOf(side));
        assertThat(background.getAttribute("fill")).isEqualTo("#ffffff");
    }

    @Test
    void thePath_drawsExactlyTheDarkModulesOfTheUrisQrCode() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrSvg.ERROR_CORRECTION);
        Element path = (Element) parse(QrSvg.render(URI)).getDocumentElement()
                .getElementsByTagNameNS("*", "path").item(0);
        boolean[][] drawn = new boolean[qr.size][qr.size];
        Matcher m = SQUARE_RUN.matcher(path.getAttribute("d"));
        int end = 0;
        while (m.find()) {
            assertThat(m.start()).isLessThanOrEqualTo(end + 1);
            end = m.end();
            int x = Integer.parseInt(m.group(1)) - QrSvg.QUIET_ZONE;
            int y = Integer.parseInt(m.group(2)) - QrSvg.QUIET_ZONE;
            int run = Integer.parseInt(m.group(3));
            assertThat(m.group(4)).isEqualTo(m.group(3));
            for (int i = 0; i < run; i++) {
                assertThat(drawn[y][x + i]).as("drawn twice").isFalse();
                drawn[y][x + i] = true;
            }
        }
        assertThat(end).isEqualTo(path.getAttribute("d").length());
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                assertThat(drawn[y][x]).as("module %d,%d", x, y).isEqualTo(qr.getModule(x, y));
            }
        }
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
