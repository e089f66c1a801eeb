package io.parley.email;

/** The small pages behind email links, server-rendered; every inserted value is escaped. */
final class EmailPages {
    private EmailPages() {}

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem;background:#f4f5f7;color:#222}"
                + "main{max-width:36rem;margin:auto}button{font:inherit;padding:.6rem 1.2rem;cursor:pointer}</style>"
                + "</head><body><main><h1>" + Html.escape(title) + "</h1>" + body + "</main></body></html>";
    }

    static String message(String title, String text) {
        return page(title, "<p>" + Html.escape(text) + "</p>");
    }

    static String unsubscribeForm(String action) {
        return page(
                "Unsubscribe",
                "<p>Stop all email from this chat to your address?</p><form method=\"post\" action=\""
                        + Html.escape(action) + "\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    /** The widget, loaded as on any website, handed the conversation's resume token and opened. */
    static String conversation(VisitorEmails.ContinuePage page) {
        return page(
                page.title(),
                "<p>Your conversation continues here.</p>"
                        + "<script src=\"/s.js\" data-channel-id=\""
                        + Html.escape(page.channelId().toString())
                        + "\" data-title=\"" + Html.escape(page.title()) + "\" data-resume-token=\""
                        + Html.escape(page.resumeToken()) + "\"></script>"
                        + "<script>window.parleyWidget && window.parleyWidget.open();</script>");
    }
}
