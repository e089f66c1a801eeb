package io.parley.email;

import io.javalin.http.Context;
import io.parley.auth.Access;
import java.util.Map;

/**
 * The pages an email's links open, and the visitor's transcript request. The pages carry tokens in
 * their URL: never cached, never sent on as a referrer.
 */
public final class EmailPagesController {
    private final VisitorEmails emails;

    public EmailPagesController(VisitorEmails emails) {
        this.emails = emails;
    }

    public void transcript(Context ctx) {
        emails.transcript(Access.visitor(ctx));
        ctx.status(202).json(Map.of());
    }

    /** {@code GET /c/<token>}: the conversation in the widget, open on Parley's own page. */
    public void continuePage(Context ctx) {
        emails.continuePage(ctx.pathParam("token"))
                .ifPresentOrElse(
                        page -> html(ctx, 200, EmailPages.conversation(page)),
                        () -> html(ctx, 404, EmailPages.message("This link has expired", EXPIRED)));
    }

    /** {@code GET /u/<token>}: asks; changes nothing, so a link scanner cannot unsubscribe anyone. */
    public void unsubscribePage(Context ctx) {
        String token = ctx.pathParam("token");
        if (emails.validUnsubscribe(token)) {
            html(ctx, 200, EmailPages.unsubscribeForm("/u/" + token));
        } else {
            html(ctx, 404, EmailPages.message("This link is not valid", INVALID));
        }
    }

    /** {@code POST /u/<token>}: the page's button, or a mail client's one-click (RFC 8058). */
    public void unsubscribe(Context ctx) {
        if (emails.unsubscribe(ctx.pathParam("token"))) {
            html(ctx, 200, EmailPages.message("You are unsubscribed", "You will get no more email from this chat."));
        } else {
            html(ctx, 404, EmailPages.message("This link is not valid", INVALID));
        }
    }

    private static final String EXPIRED =
            "Links in our emails work for 7 days. Open the chat on the website to continue the conversation.";
    private static final String INVALID = "It may have been copied incompletely.";

    private static void html(Context ctx, int status, String body) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .result(body);
    }
}
