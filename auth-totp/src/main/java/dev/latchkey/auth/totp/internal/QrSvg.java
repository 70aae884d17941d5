package dev.latchkey.auth.totp.internal;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as a small, static SVG document: one {@code <path>} of dark squares over a white background, a quiet zone
 * of {@value #QUIET_ZONE} modules on every side (ISO/IEC 18004), a {@code viewBox} in modules so it scales to any size,
 * and nothing else: no script, no external reference, no style sheet. The matrix comes from Nayuki's QR Code generator
 * library; the drawing is ours.
 */
public final class QrSvg {
    /** The error-correction level: medium (about 15% of the code may be damaged), the usual one for screens. */
    public static final QrCode.Ecc ERROR_CORRECTION = QrCode.Ecc.MEDIUM;
    /** Light modules around the code, as the standard asks. */
    public static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /** The SVG of the QR code of {@code text} (UTF-8, byte or shorter modes as the library chooses). */
    public static String render(String text) {
        return draw(QrCode.encodeText(text, ERROR_CORRECTION));
    }

    /** The SVG of this QR code: each run of dark modules in a row is one rectangle of the path. */
    static String draw(QrCode qr) {
        int size = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            int x = 0;
            while (x < qr.size) {
                if (!qr.getModule(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < qr.size && qr.getModule(x + run, y)) {
                    run++;
                }
                if (path.length() > 0) {
                    path.append(' ');
                }
                path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"" + size * 4 + "\" height=\"" + size * 4 + "\" shape-rendering=\"crispEdges\""
                + " role=\"img\" aria-label=\"QR code\">"
                + "<rect x=\"0\" y=\"0\" width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"" + path + "\"/></svg>";
    }
}
