package io.parley.page;

import io.javalin.http.Context;
import io.parley.channel.ChannelService;
import io.parley.errors.BadRequest;
import io.parley.errors.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** The widget script, the demo page and the inbox: static files from the jar, no build step. */
public final class PagesController {
    private static final Pattern SAFE_ORIGIN = Pattern.compile("^https?://[A-Za-z0-9.\\[\\]:-]{1,255}$");
    // the inbox's parts: plain names only, so a path can never leave /web/inbox/
    private static final Pattern INBOX_PART = Pattern.compile("^[a-z]{1,32}\\.(js|css)$");
    private final ChannelService channels;
    private final BooleanSupplier needsSetup;

    /** {@code needsSetup}: true while no person has an account, so the inbox offers the first run. */
    public PagesController(ChannelService channels, BooleanSupplier needsSetup) {
        this.channels = channels;
        this.needsSetup = needsSetup;
    }

    public void widget(Context ctx) {
        serve(ctx, "s.js", "text/javascript; charset=utf-8");
    }

    public void inbox(Context ctx) {
        String html = resource("inbox.html").replace("__PARLEY_SETUP__", needsSetup.getAsBoolean() ? "needed" : "done");
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .result(html);
    }

    /** The inbox's ES modules and style sheet, under /inbox/. */
    public void inboxPart(Context ctx) {
        String name = ctx.pathParam("part");
        if (!INBOX_PART.matcher(name).matches()) {
            throw new NotFound("no such page");
        }
        serve(
                ctx,
                "inbox/" + name,
                name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    }

    public void inboxScript(Context ctx) {
        serve(ctx, "inbox.js", "text/javascript; charset=utf-8");
    }

    /** The demo page shows the widget on the first connected channel, creating "Demo" if there is none. */
    public void demo(Context ctx) {
        String origin = scheme(ctx) + "://" + ctx.host();
        if (!SAFE_ORIGIN.matcher(origin).matches()) { // the Host header is the client's to choose
            throw new BadRequest("invalid Host header");
        }
        String html = resource("index.html")
                .replace(
                        "__PARLEY_CHANNEL_ID__",
                        channels.firstConnectedOrDemo().id().toString())
                .replace("__PARLEY_ORIGIN__", origin);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** Behind a TLS-terminating proxy Parley itself sees http; the snippets must say https. */
    private static String scheme(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(forwarded) || "http".equalsIgnoreCase(forwarded)
                ? forwarded.toLowerCase(Locale.ROOT)
                : ctx.scheme();
    }

    private static void serve(Context ctx, String name, String contentType) {
        ctx.contentType(contentType).header("Cache-Control", "no-cache").result(resource(name));
    }

    private static String resource(String name) {
        try (InputStream in = PagesController.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new NotFound("no such page");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
