package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.abuse.Limits;
import io.parley.support.Browser;
import io.parley.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The widget in headless Chromium, on a page served from another origin than Parley (browser-widget.mjs). */
@Tag("browser")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserWidgetTest {
    /** A visitor may send 10 messages at once, then one per 5 s: the scenarios stay far below, rate_limited goes over. */
    static final Limits LIMITS = new Limits(
            0.2,
            10,
            TestConfig.GENEROUS_LIMITS.newConversationsPerMinute(),
            TestConfig.GENEROUS_LIMITS.socketsPerVisitor(),
            TestConfig.GENEROUS_LIMITS.socketsPerIp(),
            TestConfig.GENEROUS_LIMITS.socketsTotal());

    @RegisterExtension
    static final TestServer server = TestServer.perClass(config -> TestConfig.withLimits(config, LIMITS));

    static Browser browser;
    static String channelId;

    @BeforeAll
    static void start() throws InterruptedException {
        channelId = server.connectChannel("browser-site").get("id").asText();
        browser = Browser.start(
                "browser-widget.mjs",
                Map.of("PARLEY_URL", server.baseUrl(), "PARLEY_API_TOKEN", server.apiToken(), "CHANNEL_ID", channelId));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_visitor_and_an_operator_chat_both_ways() throws Exception {
        JsonNode findings = browser.run("chat", this::operatorReplies);

        assertTrue(findings.get("idleBeforeOpening").asBoolean(), "the widget connected before it was opened");
        JsonNode seen = server.http()
                .operator(
                        "/messages.list",
                        Map.of("conversation_id", findings.get("conversationId").asText()))
                .ok()
                .json();
        assertEquals("Hello from the browser", seen.at("/data/0/content").asText(), seen.toString());
        assertEquals("LEFT", seen.at("/data/0/alignment").asText(), "the operator sees the contact on the left");
        assertEquals(findings.at("/sent/id").asText(), seen.at("/data/0/id").asText());
        assertEquals(
                List.of("right:Hello from the browser", "left:Hello from the operator", "left:Are you still there?"),
                shown(findings));
        assertEquals("", findings.get("status").asText());
        assertTrue(findings.get("unreadWhileClosed").asBoolean(), "a reply to a closed widget marks the launcher");
        assertFalse(findings.get("unreadAfterOpening").asBoolean());
        findings.get("times")
                .forEach(time -> assertTrue(time.asText().matches("\\d{4}-.*Z"), "a <time> without a date: " + time));
    }

    @Test
    void two_tabs_of_one_visitor_share_the_conversation_live() throws Exception {
        JsonNode findings = browser.run("two_tabs", this::operatorReplies);

        List<String> expected =
                List.of("right:written in the first tab", "right:written in the second tab", "left:seen in both tabs");
        assertEquals(expected, list(findings.get("first")));
        assertEquals(expected, list(findings.get("second")));
    }

    @Test
    void a_reload_continues_the_conversation_with_its_history() throws Exception {
        JsonNode findings = browser.run("reload");

        JsonNode before = findings.get("before");
        JsonNode after = findings.get("after");
        assertEquals(before.get("conversationId"), after.get("conversationId"));
        assertTrue(findings.get("panelHiddenAfterReload").asBoolean());
        assertEquals(
                List.of(
                        "right:first, before the reload",
                        "right:second, before the reload",
                        "right:third, after the reload"),
                shown(after));
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    before.at("/messages/" + i + "/id"), after.at("/messages/" + i + "/id"), "same message, same id");
        }
    }

    @Test
    void after_an_outage_the_widget_reconnects_and_catches_up_without_duplicates() throws Exception {
        int port = server.port();
        var down = new AtomicBoolean();
        JsonNode findings;
        try {
            findings = browser.run("reconnect", (step, event) -> switch (step) {
                case "stop" -> {
                    server.stopOnly();
                    down.set(true);
                    yield Map.of();
                }
                case "send-while-away" -> {
                    List<String> texts =
                            sendWhileAway(event.get("conversation_id").asText(), port);
                    down.set(false);
                    yield Map.of("texts", texts);
                }
                default -> throw new AssertionError(step);
            });
        } finally {
            if (down.get()) {
                server.startAgain(port); // for the tests after this one
            }
        }

        assertTrue(findings.get("statusWhileDown").asText().contains("reconnecting"), findings.toString());
        assertEquals("QUEUED", findings.at("/queued/state").asText());
        assertTrue(findings.get("queuedMeta").asText().contains("once connected"), findings.toString());
        assertEquals("DELIVERED", findings.at("/retried/state").asText(), "sent again by itself, no Retry click");
        assertEquals(1, storedTimes(findings.get("conversationId").asText(), "typed during the outage"), "stored once");
        assertEquals(
                List.of(
                        "right:before the outage",
                        "right:from the visitor's other tab while this one was away",
                        "left:an operator reply while the widget was away",
                        "right:typed during the outage",
                        "right:after the outage"),
                shown(findings));
        assertTrue(findings.at("/state/connected").asBoolean());
        assertAllDistinctIds(findings.get("messages"));
    }

    @Test
    void a_message_typed_offline_is_sent_by_itself_once_back_online() throws Exception {
        JsonNode findings = browser.run("offline_typed");

        assertTrue(findings.get("statusOffline").asText().contains("offline"), findings.toString());
        assertEquals("QUEUED", findings.at("/queued/state").asText());
        assertEquals("DELIVERED", findings.at("/delivered/state").asText());
        assertEquals(List.of("right:online at first", "right:typed while offline"), shown(findings));
        assertEquals(1, storedTimes(findings.get("conversationId").asText(), "typed while offline"), "stored once");
    }

    @Test
    void a_rate_limited_message_says_so_and_is_sent_again_by_itself_once() throws Exception {
        JsonNode findings = browser.run("rate_limited", (step, event) -> {
            assertEquals("fill-rate-limit", step);
            return Map.of("refused", fillRateLimit(event.get("conversation_id").asText()));
        });

        String text = "sent once the limit allows";
        assertEquals("DELIVERED", findings.at("/delivered/state").asText());
        assertTrue(
                texts(findings.get("metaTexts")).contains("Too many messages, wait a moment"),
                findings.get("metaTexts").toString());
        JsonNode sends = findings.get("sends");
        assertTrue(sends.size() >= 2, "refused, then sent again: " + sends);
        String clientId = sends.get(0).get("client_message_id").asText();
        assertTrue(clientId.matches("[A-Za-z0-9_-]{1,64}"), clientId);
        sends.forEach(
                send -> assertEquals(clientId, send.get("client_message_id").asText(), "one id for all tries"));
        assertEquals(1, storedTimes(findings.get("conversationId").asText(), text), "stored once");
    }

    @Test
    void markup_in_messages_is_shown_as_text_and_never_runs() throws Exception {
        JsonNode findings = browser.run("text_not_html", this::operatorReplies);

        assertEquals(
                List.of(
                        "right:" + findings.get("markup").asText(),
                        "right:" + findings.get("links").asText(),
                        "left:" + findings.get("reply").asText()),
                shown(findings));
        assertTrue(findings.get("reply").asText().startsWith("<img src=x onerror="));
        assertTrue(findings.get("xssFlag").isNull(), "a handler from a message ran: " + findings.get("xssFlag"));
        assertEquals(List.of("a"), texts(findings.at("/elements/tags")), "only the https link became an element");
        JsonNode link = findings.at("/elements/anchors/0");
        assertEquals("https://example.com/a?b=1", link.get("href").asText());
        assertEquals("noopener noreferrer nofollow", link.get("rel").asText());
        assertEquals(0, findings.at("/elements/imgInPage").asInt());
    }

    @Test
    void hostile_host_page_css_cannot_hide_or_restyle_the_widget() throws Exception {
        JsonNode findings = browser.run("hostile_css");

        JsonNode launcher = findings.get("launcher");
        assertEquals(56, launcher.get("width").asInt(), findings.toString());
        assertEquals(
                20,
                findings.at("/viewport/width").asInt() - launcher.get("right").asInt(),
                "right edge: " + findings);
        assertEquals(
                20,
                findings.at("/viewport/height").asInt() - launcher.get("bottom").asInt(),
                "bottom edge: " + findings);
        assertEquals("parley-chat-widget", findings.get("launcherOnTop").asText(), "nothing covers the launcher");
        assertTrue(
                findings.at("/panel/width").asInt() >= 300,
                findings.get("panel").toString());
        assertTrue(
                findings.at("/input/height").asInt() >= 30,
                findings.get("input").toString());
        JsonNode styles = findings.get("styles");
        assertEquals("rgb(37, 99, 235)", styles.at("/launcher/backgroundColor").asText());
        assertEquals("15px", styles.at("/input/fontSize").asText());
        assertNotEquals("rgb(255, 0, 0)", styles.at("/input/color").asText());
        assertEquals("rgb(255, 255, 255)", styles.at("/bubble/color").asText());
    }

    @Test
    void under_a_strict_content_security_policy_the_widget_keeps_its_styles() throws Exception {
        JsonNode findings = browser.run("strict_csp");

        assertEquals("DELIVERED", findings.at("/sent/state").asText());
        assertEquals("fixed", findings.at("/launcher/position").asText(), findings.toString());
        assertEquals("rgb(37, 99, 235)", findings.at("/launcher/background").asText(), findings.toString());
        assertEquals(
                0, findings.get("violations").size(), findings.get("violations").toString());
    }

    @Test
    void on_a_360_px_phone_the_open_panel_fills_the_screen_with_one_close_control() throws Exception {
        JsonNode findings = browser.run("phone", this::operatorReplies);

        int width = findings.at("/viewport/width").asInt();
        int height = findings.at("/viewport/height").asInt();
        JsonNode panel = findings.get("panel");
        assertEquals(
                List.of(0, 0, width, height),
                List.of(
                        panel.get("left").asInt(),
                        panel.get("top").asInt(),
                        panel.get("right").asInt(),
                        panel.get("bottom").asInt()),
                "the panel fills the screen: " + panel);
        findings.get("corners")
                .forEach(id -> assertEquals("parley-chat-widget", id.asText(), "page content shows: " + findings));
        assertEquals(List.of("parley-close"), texts(findings.get("closeControls")));
        assertTrue(findings.get("launcherAfterClose").asBoolean(), "closing brings the launcher back");
        for (String part : List.of("input", "send")) {
            JsonNode box = findings.get(part);
            assertTrue(
                    box.get("left").asDouble() >= 0
                            && box.get("right").asDouble() <= width
                            && box.get("top").asDouble() >= 0
                            && box.get("bottom").asDouble() <= height,
                    part + " outside the screen: " + box);
        }
        assertEquals(0, findings.at("/overflow/list").asInt(), "messages overflow sideways");
        assertEquals(0, findings.at("/overflow/page").asInt(), "the page scrolls sideways");
    }

    @Test
    void the_widget_works_with_the_keyboard_alone() throws Exception {
        JsonNode findings = browser.run("keyboard");

        List<String> path = texts(findings.get("path"));
        assertEquals("widget:parley-launcher", path.get(path.size() - 1), "Tab never reached the launcher: " + path);
        assertEquals("Open chat", findings.get("launcherLabel").asText());
        assertEquals("widget:parley-input", findings.get("afterOpen").asText());
        assertEquals("true", findings.get("expandedWhenOpen").asText());
        assertEquals("DELIVERED", findings.at("/sent/state").asText());
        assertEquals("widget:parley-launcher", findings.get("afterEscape").asText());
        assertEquals("false", findings.get("expandedWhenClosed").asText());
        findings.get("labels").forEach(label -> assertFalse(label.asText().isBlank(), "an unlabelled control"));
    }

    @Test
    void airys_snippet_installs_the_widget_too() throws Exception {
        assertInstalledAndChatting(browser.run("airy_snippet"), "/airy");
    }

    @Test
    void airys_snippet_with_a_bare_host_installs_the_widget_too() throws Exception {
        assertInstalledAndChatting(browser.run("airy_bare_host"), "/airy-host");
    }

    @Test
    void module_and_amd_globals_of_the_host_page_do_not_stop_the_widget() throws Exception {
        assertInstalledAndChatting(browser.run("host_page_globals"), "/globals");
    }

    @Test
    void with_storage_blocked_the_widget_still_chats() throws Exception {
        JsonNode findings = browser.run("storage_blocked", this::operatorReplies);

        assertEquals(List.of("right:no storage here", "left:and yet we talk"), shown(findings));
        assertEquals("", findings.get("status").asText());
    }

    @Test
    void a_refused_resume_token_quietly_starts_a_new_conversation() throws Exception {
        JsonNode findings = browser.run("refused_resume_token");

        assertEquals("DELIVERED", findings.at("/sent/state").asText());
        assertEquals("", findings.get("status").asText());
        assertFalse(findings.get("forgedKept").asBoolean(), "the refused token is replaced");
    }

    @Test
    void a_verified_user_finds_the_same_conversation_on_another_device() throws Exception {
        JsonNode channel = server.connectChannel("verified-browser-site");
        String hash =
                IdentityVerificationTest.userHash(channel.get("identity_secret").asText(), "customer-17");
        JsonNode findings = browser.run(
                "verified_user",
                Map.of("channel_id", channel.get("id").asText(), "user_id", "customer-17", "user_hash", hash),
                (step, event) -> {
                    throw new AssertionError("unexpected step " + step);
                });

        assertEquals("DELIVERED", findings.at("/sent/state").asText());
        assertEquals(findings.get("phone").asText(), findings.get("laptop").asText());
        assertEquals(List.of("right:typed on my phone"), list(findings.get("laptopMessages")));
        assertEquals("", findings.get("status").asText());
    }

    @Test
    void on_a_disconnected_channel_the_widget_says_the_chat_is_not_available() throws Exception {
        JsonNode findings = browser.run("unavailable_channel", Map.of("reason", "disconnected"), (step, event) -> {
            String gone = server.connectChannel("gone-site").get("id").asText();
            server.http().operator("/channels.disconnect", Map.of("channel_id", gone));
            return Map.of("channel_id", gone);
        });

        assertEquals(
                "This chat is not available right now.", findings.get("status").asText());
    }

    @Test
    void the_demo_page_shows_the_widget_and_its_install_snippet() throws Exception {
        JsonNode findings = browser.run("demo_page", this::operatorReplies);

        String snippet = findings.at("/snippets/install").asText();
        assertTrue(snippet.contains("<script src=\"" + server.baseUrl() + "/s.js\" data-channel-id=\""), snippet);
        String demoChannel = snippet.replaceAll("(?s).*data-channel-id=\"([^\"]+)\".*", "$1");
        assertEquals(
                200,
                server.http()
                        .operator("/channels.info", Map.of("channel_id", demoChannel))
                        .status());
        assertTrue(findings.at("/snippets/airy").asText().contains("cid: \"" + demoChannel + "\""));
        assertEquals("Acme Bikes", findings.get("title").asText());
    }

    // ---- issue 12: rich messages, content formats; issue 14: typing, seen, settings, languages

    @Test
    void a_visitor_sends_an_image_and_gets_a_pdf_and_quick_replies_whose_postback_reaches_the_operator()
            throws Exception {
        JsonNode findings = browser.run("rich_messages");

        assertEquals(
                "This type of file is not allowed.",
                findings.at("/refused/error").asText(),
                findings.toString());
        assertEquals("evil.png", findings.at("/refused/name").asText());
        JsonNode preview = findings.get("preview");
        assertEquals(40, preview.get("naturalWidth").asInt(), "the preview shows the uploaded image: " + preview);
        assertTrue(preview.get("width").asDouble() > 0 && preview.get("width").asDouble() <= 220, preview.toString());
        assertEquals("220px", preview.get("maxWidth").asText());
        assertEquals(preview.get("src").asText(), preview.get("href").asText(), "a click opens the image itself");
        assertEquals("_blank", preview.get("target").asText());
        assertTrue(preview.get("src").asText().contains("/media/"), preview.toString());
        assertEquals(List.of("POST", "POST"), texts(findings.get("uploads")), "the refused file, then the image");

        JsonNode file = findings.get("file");
        assertTrue(file.get("text").asText().contains("invoice.pdf"), file.toString());
        assertTrue(file.get("text").asText().matches(".*\\(\\d+ KB\\)"), "the size is shown: " + file);
        assertEquals(findings.get("pdfUrl").asText(), file.get("href").asText());
        assertEquals("Here is your invoice", file.get("bubble").asText());
        assertEquals("Operator", file.get("sender").asText(), "the sender's name is shown");

        assertEquals(List.of("Yes, thanks", "No"), texts(findings.get("replies")));
        assertEquals(0, findings.get("repliesAfterClick").asInt(), "the buttons go once one was chosen");
        JsonNode clicked = find(
                findings.get("stored"),
                m -> "Yes, thanks".equals(m.path("content").asText()));
        assertEquals("HELPED", clicked.at("/postback/payload").asText(), clicked.toString());
        JsonNode image = find(
                findings.get("stored"),
                m -> m.has("attachment") && m.path("from_contact").asBoolean());
        assertEquals("image", image.at("/attachment/type").asText(), "the operator sees the visitor's image");
        assertEquals(
                preview.get("src").asText(), image.at("/attachment/payload/url").asText());
    }

    @Test
    void history_and_live_messages_read_the_same_in_every_content_format() throws Exception {
        JsonNode shown = browser.run("content_formats").get("shown");

        for (String format : List.of("text", "airy", "airy-2021")) {
            JsonNode f = shown.get(format);
            List<String> expected = List.of("right:visitor in " + format, "left:operator in " + format);
            assertEquals(expected, list(f.get("live")), format + " live: " + f);
            assertEquals(expected, list(f.get("history")), format + " history: " + f);
            assertEquals("pick " + format, f.get("liveReplies").asText(), format);
            assertEquals("pick " + format, f.get("historyReplies").asText(), format);
        }
    }

    @Test
    void the_operator_typing_shows_and_seen_follows_the_read_and_the_context_and_contact_arrive() throws Exception {
        JsonNode findings = browser.run("typing_and_seen");

        assertEquals(0, findings.get("seenBefore").asInt());
        assertTrue(findings.at("/typing/text").asText().contains("Operator is typing"), findings.toString());
        assertEquals("parley-dot", findings.at("/typing/animation").asText(), "an animated indicator");
        assertTrue(findings.get("typingAfterMessage").asBoolean(), "the operator's message ends the indicator");
        assertTrue(findings.get("typingSent").asInt() >= 1, "the visitor's typing is sent: " + findings);
        assertTrue(
                findings.get("typingSent").asInt() <= findings.get("typedFor").asLong() / 1000 + 1,
                "at most once a second: " + findings);
        findings.get("gaps").forEach(gap -> assertTrue(gap.asLong() >= 900, "typing sent twice in a second: " + gap));
        assertEquals("Is anyone there?", findings.at("/seen/under").asText());
        assertTrue(findings.at("/seen/text").asText().contains("Seen"), findings.toString());
        assertEquals("Is anyone there?", findings.get("seenAfterReload").asText(), "Seen survives a reload");

        JsonNode conversation = findings.get("conversation");
        assertEquals("ada@example.com", conversation.at("/contact/email").asText(), conversation.toString());
        assertEquals("Ada Lovelace", conversation.at("/contact/display_name").asText());
        assertEquals("pro", conversation.at("/contact/attributes/plan").asText());
        assertTrue(conversation.at("/context/page_url").asText().endsWith("/typing"), conversation.toString());
        assertEquals(
                findings.at("/browser/locale").asText(),
                conversation.at("/context/locale").asText());
        assertEquals(
                findings.at("/browser/timeZone").asText(),
                conversation.at("/context/time_zone").asText());
    }

    @Test
    void once_the_email_is_known_the_transcript_button_asks_for_it_and_says_what_came_of_it() throws Exception {
        JsonNode findings = browser.run("transcript");

        assertTrue(findings.get("hiddenBefore").asBoolean(), "the button before any email is known");
        assertEquals(
                "widget:parley-transcript", findings.get("focusAfterMessages").asText(), "Tab reaches the button");
        assertEquals("Email me the transcript", findings.at("/button/text").asText());
        assertEquals("Email me the transcript", findings.at("/button/label").asText());
        assertEquals("status", findings.at("/button/noteRole").asText(), "the outcome is announced");
        // this test server has no SMTP settings: the server refuses, and the widget says so in words
        assertEquals("[400]", findings.get("requests").toString(), "one request to /chatplugin.transcript");
        assertEquals("The transcript could not be sent.", findings.get("note").asText());
        assertTrue(findings.get("visibleAfterReload").asBoolean(), "the known email survives a reload");
    }

    @Test
    void a_german_browser_gets_german_strings() throws Exception {
        JsonNode findings = browser.run("german");

        assertEquals("Nachricht schreiben\u2026", findings.get("placeholder").asText());
        assertEquals("Senden", findings.get("send").asText());
        assertEquals("Chat schlie\u00dfen", findings.get("launcher").asText(), "the open widget's launcher");
        assertEquals("Chat schlie\u00dfen", findings.get("close").asText());
        assertEquals(
                "Hallo! Wie k\u00f6nnen wir helfen?", findings.get("welcome").asText(), "the widget's own greeting");
    }

    @Test
    void the_channels_colour_left_position_and_welcome_message_apply() throws Exception {
        JsonNode findings = browser.run("look");

        JsonNode styles = findings.get("styles");
        for (String part : List.of("launcher", "header", "send")) {
            assertEquals("rgb(249, 115, 22)", styles.get(part).asText(), part);
        }
        assertEquals("rgb(17, 24, 39)", styles.get("headerText").asText(), "dark text reads better on orange");
        assertFalse(styles.get("prechatShown").asBoolean(), "no pre-chat form while pre_chat is off");
        double half = findings.at("/viewport/width").asDouble() / 2;
        assertTrue(findings.at("/launcher/right").asDouble() < half, "launcher on the left: " + findings);
        assertTrue(findings.at("/panel/right").asDouble() < half, "panel on the left: " + findings);
        assertEquals("DELIVERED", findings.at("/welcome/state").asText());
        assertEquals(0, findings.get("stored").asInt(), "the welcome message is not a stored message");
        assertEquals(
                "[\"Hi! Ask us anything.\",\"a question\"]",
                findings.get("afterReload").toString(),
                "stored with the first message, shown once after a reload");
    }

    @Test
    void offline_the_away_message_shows_and_the_required_email_blocks_sending_until_filled() throws Exception {
        JsonNode findings = browser.run("offline_form");

        assertEquals("We are out, leave your email.", findings.at("/form/away").asText());
        assertEquals(
                "[{\"name\":\"name\",\"required\":false},{\"name\":\"email\",\"required\":true}]",
                findings.at("/form/fields").toString());
        assertTrue(findings.get("blocked").asText().contains("Email"), findings.toString());
        assertEquals(0, findings.at("/whileBlocked/messages").size(), "nothing was sent: " + findings);
        assertEquals("Please call me back", findings.at("/whileBlocked/input").asText(), "the text is kept");
        assertTrue(findings.get("formHidden").asBoolean());
        assertEquals(
                "visitor@example.com",
                findings.at("/conversation/contact/email").asText(),
                findings.toString());
    }

    @Test
    void hide_when_offline_hides_the_launcher_from_new_visitors_only() throws Exception {
        JsonNode findings = browser.run("hidden_launcher");

        assertFalse(findings.get("newcomerSees").asBoolean());
        assertTrue(findings.get("returningSees").asBoolean(), "a visitor with a conversation still has the widget");
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (test.test(node)) {
                return node;
            }
        }
        throw new AssertionError("none matches in " + array);
    }

    // ---- helpers

    /** The "reply" step of a scenario: the operator sends the text it names. */
    private Map<String, Object> operatorReplies(String step, JsonNode event) {
        assertEquals("reply", step);
        return Map.of(
                "id",
                reply(event.get("conversation_id").asText(), event.get("text").asText())
                        .get("id")
                        .asText());
    }

    private JsonNode reply(String conversationId, String text) {
        return server.http()
                .operator("/messages.send", Map.of("conversation_id", conversationId, "message", Map.of("text", text)))
                .ok()
                .json();
    }

    private void assertInstalledAndChatting(JsonNode findings, String path) {
        assertEquals("DELIVERED", findings.at("/sent/state").asText());
        assertEquals("", findings.get("status").asText());
        assertEquals(List.of("parley:resume:" + channelId), texts(findings.get("stored")));
        JsonNode seen = server.http()
                .operator(
                        "/messages.list",
                        Map.of("conversation_id", findings.get("conversationId").asText()))
                .ok()
                .json();
        assertEquals("installed on " + path, seen.at("/data/0/content").asText());
    }

    /** Sends as the visitor of the conversation until the server refuses; answers how many went through. */
    private int fillRateLimit(String conversationId) {
        String token = visitorToken(conversationId);
        for (int i = 0; i < 100; i++) {
            int status = server.http()
                    .post("/chatplugin.send", token, Map.of("message", Map.of("text", "filling the limit " + i)))
                    .status();
            if (status == 429) {
                return i;
            }
            assertEquals(200, status);
        }
        throw new AssertionError("never rate-limited");
    }

    /** How many stored messages of the conversation have this text. */
    private int storedTimes(String conversationId, String text) {
        JsonNode page = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId, "page_size", 100))
                .ok()
                .json();
        int count = 0;
        for (JsonNode m : page.get("data")) {
            count += m.get("content").asText().equals(text) ? 1 : 0;
        }
        return count;
    }

    /** With the server on a port the widget does not know, so that it can only catch up later. */
    private List<String> sendWhileAway(String conversationId, int port) {
        server.startAgain(0);
        try {
            return sendAsVisitorAndOperator(conversationId);
        } finally {
            server.stopOnly();
            server.startAgain(port);
        }
    }

    private List<String> sendAsVisitorAndOperator(String conversationId) {
        String visitorToken = visitorToken(conversationId);
        String fromVisitor = "from the visitor's other tab while this one was away";
        server.http()
                .post("/chatplugin.send", visitorToken, Map.of("message", Map.of("text", fromVisitor)))
                .ok();
        String fromOperator = reply(conversationId, "an operator reply while the widget was away")
                .get("content")
                .asText();
        return List.of(fromVisitor, fromOperator);
    }

    /** A token of the conversation's visitor, as another tab of theirs would get it. */
    private String visitorToken(String conversationId) {
        String resume = server.http()
                .operator("/chatplugin.resumeToken", Map.of("channel_id", channelId, "conversation_id", conversationId))
                .ok()
                .json()
                .get("resume_token")
                .asText();
        return server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .ok()
                .json()
                .get("token")
                .asText();
    }

    /** "side:text" of each message the widget shows, in order. */
    private static List<String> shown(JsonNode findings) {
        return list(findings.get("messages"));
    }

    private static List<String> list(JsonNode messages) {
        List<String> result = new ArrayList<>();
        messages.forEach(
                m -> result.add(m.get("side").asText() + ":" + m.get("text").asText()));
        return result;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(node -> result.add(node.asText()));
        return result;
    }

    private static void assertAllDistinctIds(JsonNode messages) {
        var ids = new HashSet<String>();
        messages.forEach(m -> assertTrue(ids.add(m.get("id").asText()), "shown twice: " + m));
    }
}
