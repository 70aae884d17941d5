package dev.latchkey.auth.example;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The sign-in pages at {@code /}: static HTML, CSS and JavaScript modules from the jar (no build step), which use the
 * JSON API in browser session mode (see {@code auth-http}'s {@code BrowserSession}); in mock mode also the outbox page
 * ({@code /dev/outbox.html}), a development aid.
 *
 * <p>Also sets the browser-facing headers of every answer, pages and API alike: a Content Security Policy that allows
 * scripts, styles and requests to this origin only (no inline script or style, images also as {@code data:} for the
 * TOTP QR code), {@code frame-ancestors 'none'}, {@code Referrer-Policy: no-referrer} and
 * {@code Cross-Origin-Opener-Policy: same-origin}; {@code Cache-Control: no-store} and
 * {@code X-Content-Type-Options: nosniff} are the app's own.
 */
final class PageRoutes {
    /** The Content Security Policy of every answer. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final String ROOT = "/dev/latchkey/auth/example/pages/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,64}\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final boolean outbox;
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    /** {@code outbox}: whether {@code /dev/outbox} is served, and so its page. */
    PageRoutes(boolean outbox) {
        this.outbox = outbox;
    }

    void addTo(RoutesConfig routes) {
        routes.before(PageRoutes::headers);
        routes.get("/", ctx -> serve(ctx, "index.html"));
        routes.get("/assets/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (!ASSET.matcher(file).matches()) {
                throw new NotFoundResponse();
            }
            serve(ctx, "assets/" + file);
        });
        if (outbox) {
            routes.get("/dev/outbox.html", ctx -> serve(ctx, "outbox.html"));
        }
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private void serve(Context ctx, String path) {
        byte[] bytes = files.computeIfAbsent(path, PageRoutes::load).orElseThrow(NotFoundResponse::new);
        ctx.status(200).contentType(TYPES.get(path.substring(path.lastIndexOf('.') + 1))).result(bytes);
    }

    private static Optional<byte[]> load(String path) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
