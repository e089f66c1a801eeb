package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.email.EmailSettings;
import io.parley.support.MailServer;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Follow-up emails, transcripts and unsubscribing, against a real SMTP server. */
@Timeout(120)
class VisitorEmailTest {
    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final Pattern LINK = Pattern.compile("https://chat\\.example\\.test(/[cu]/[A-Za-z0-9._-]+)");
    private static MailServer mail;
    private static TestServer server;
    private static String channelId;

    @BeforeAll
    static void start() {
        mail = MailServer.start();
        server = TestServer.start(c -> {
            EmailSettings s = mail.settings("https://chat.example.test");
            return TestConfig.withEmail(
                    c,
                    new EmailSettings(
                            s.smtp(),
                            s.from(),
                            s.publicUrl(),
                            s.trustedCertificates(),
                            s.timeout(),
                            s.backoffBase(),
                            s.backoffCap(),
                            s.maxAttempts(),
                            s.pollInterval(),
                            s.startDelay(),
                            DELAY));
        });
        channelId = server.connectChannel("email-site").get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    private record Chat(Visitor visitor, String conversationId, String email) {}

    private static Chat visitorWithEmail(String name) {
        Visitor visitor = server.newVisitor(channelId);
        String email = name + "." + System.nanoTime() + "@visitor.test";
        server.http()
                .post("/chatplugin.updateContact", visitor.token(), Map.of("email", email))
                .ok();
        String conversationId = server.visitorSends(visitor, "Hello from " + name)
                .get("conversation_id")
                .asText();
        return new Chat(visitor, conversationId, email);
    }

    private static void operatorSays(Chat chat, String text) {
        server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", chat.conversationId(), "message", Map.of("text", text)))
                .ok();
    }

    private static List<MimeMessage> emailsTo(String address) {
        return mail.messages().stream()
                .filter(m -> m.getEnvelopeReceiver().equals(address))
                .map(m -> {
                    try {
                        return m.getMimeMessage();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static MimeMessage awaitEmail(String address, int count) {
        Wait.until(count + " email(s) to the visitor", () -> emailsTo(address).size() >= count);
        return emailsTo(address).get(count - 1);
    }

    private static String part(MimeMessage email, int index) throws Exception {
        return ((Multipart) email.getContent()).getBodyPart(index).getContent().toString();
    }

    private static List<String> links(String text) {
        Matcher m = LINK.matcher(text);
        List<String> paths = new java.util.ArrayList<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static Long column(String conversationId, String column) {
        return Jdbi.create(server.dbUrl())
                .withHandle(h -> h.createQuery("SELECT " + column + " FROM conversations WHERE id = CAST(:id AS UUID)")
                        .bind("id", conversationId)
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(null));
    }

    @Test
    void unread_operator_messages_go_out_in_one_email_with_escaped_html_and_working_links() throws Exception {
        Chat chat = visitorWithEmail("ada");
        operatorSays(chat, "Thanks for waiting!");
        operatorSays(chat, "Try <script>alert(1)</script> & see");

        MimeMessage email = awaitEmail(chat.email(), 1);
        assertEquals("New reply from Test email-site", email.getSubject());
        String text = part(email, 0);
        String html = part(email, 1);
        assertTrue(text.contains("You have 2 new messages from Test email-site"), text);
        assertTrue(text.contains("Try <script>alert(1)</script> & see"), text);
        assertTrue(html.contains("Try &lt;script&gt;alert(1)&lt;/script&gt; &amp; see"), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(text.contains("Hello from ada"), "the visitor's own message is not news to it");
        assertEquals("List-Unsubscribe=One-Click", email.getHeader("List-Unsubscribe-Post", null));
        String unsubscribe = email.getHeader("List-Unsubscribe", null);
        assertTrue(unsubscribe.matches("<https://chat\\.example\\.test/u/[^>]+>"), unsubscribe);

        List<String> paths = links(text);
        assertEquals(2, paths.size(), text);
        assertTrue(paths.get(0).startsWith("/c/"));
        assertEquals(links(html), paths);

        var log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        io.parley.support.Http.Response page;
        try {
            page = server.http().get(paths.get(0));
            Wait.until("the request is logged", () -> log.toString().contains("path=/c/<token> status=200"));
        } finally {
            System.setErr(stderr);
        }
        assertFalse(log.toString().contains(paths.get(0).substring(3)), "the link's token is not logged");
        assertEquals(200, page.status());
        assertEquals("no-store", page.header("Cache-Control"));
        Matcher resume = Pattern.compile("data-resume-token=\"([^\"]+)\"").matcher(page.body());
        assertTrue(resume.find(), page.body());
        assertTrue(page.body().contains("data-channel-id=\"" + channelId + "\""));
        JsonNode resumed = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume.group(1)))
                .ok()
                .json();
        assertEquals(3, resumed.get("messages").size(), "the same conversation, with its history");

        assertEquals(404, server.http().get("/c/not-a-token").status());
        assertEquals(
                401,
                server.http()
                        .post(
                                "/chatplugin.authenticate",
                                null,
                                Map.of("resume_token", paths.get(0).substring(3)))
                        .status(),
                "a continue token is not a resume token");
    }

    @Test
    void a_visitor_who_read_in_time_gets_no_email_and_later_replies_wait_ten_minutes() {
        Chat chat = visitorWithEmail("grace");
        operatorSays(chat, "Quick answer");
        assertEquals(
                202,
                server.http()
                        .post("/chatplugin.read", chat.visitor().token(), Map.of())
                        .status());
        Wait.until("the follow-up was decided", () -> column(chat.conversationId(), "visitor_email_due_at_ms") == null);
        assertNull(column(chat.conversationId(), "visitor_emailed_at_ms"));
        assertTrue(emailsTo(chat.email()).isEmpty());

        operatorSays(chat, "Are you still there?");
        awaitEmail(chat.email(), 1);
        long emailedAt = column(chat.conversationId(), "visitor_emailed_at_ms");
        operatorSays(chat, "One more thing");
        Wait.until(
                "the next follow-up waits ten minutes",
                () -> Long.valueOf(emailedAt + 600_000)
                        .equals(column(chat.conversationId(), "visitor_email_due_at_ms")));
        assertEquals(1, emailsTo(chat.email()).size());
    }

    @Test
    void the_unsubscribe_page_asks_and_only_its_post_stops_the_emails() throws Exception {
        Chat chat = visitorWithEmail("linus");
        operatorSays(chat, "Hello Linus");
        String unsubscribe = links(part(awaitEmail(chat.email(), 1), 0)).get(1);

        var page = server.http().get(unsubscribe);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<form method=\"post\" action=\"" + unsubscribe + "\">"), page.body());
        assertEquals(202, transcript(chat).status(), "the GET changed nothing");
        awaitEmail(chat.email(), 2);

        var done = server.http().send(unsubscribe, null, "", "POST");
        assertEquals(200, done.status());
        assertTrue(done.body().contains("You are unsubscribed"));
        var refused = transcript(chat);
        assertEquals(400, refused.status());
        assertEquals(
                "this email address unsubscribed from Parley's emails",
                refused.json().get("message").asText());
    }

    @Test
    void a_one_click_post_unsubscribes_at_once() throws Exception {
        Chat chat = visitorWithEmail("barbara");
        operatorSays(chat, "Hello Barbara");
        String header = awaitEmail(chat.email(), 1).getHeader("List-Unsubscribe", null);
        URI target = URI.create(header.substring(1, header.length() - 1));
        var response = server.http()
                .execute(HttpRequest.newBuilder(URI.create(server.baseUrl() + target.getPath()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build());
        assertEquals(200, response.status());
        assertEquals(400, transcript(chat).status());
        assertTrue(column(chat.conversationId(), "visitor_emailed_at_ms") != null);
    }

    @Test
    void a_transcript_sends_the_whole_conversation_and_needs_a_known_email() throws Exception {
        Chat chat = visitorWithEmail("alan");
        operatorSays(chat, "Here is your answer");
        var response = transcript(chat);
        assertEquals(202, response.status());
        assertEquals("{}", response.body());
        String subject = "Your conversation with Test email-site";
        Wait.until(
                "the transcript arrived",
                () -> emailsTo(chat.email()).stream().anyMatch(m -> subject(m).equals(subject)));
        MimeMessage email = emailsTo(chat.email()).stream()
                .filter(m -> subject(m).equals(subject))
                .findFirst()
                .orElseThrow();
        String text = part(email, 0);
        assertTrue(text.contains("You: Hello from alan"), text);
        assertTrue(text.contains("Test email-site: Here is your answer"), text);

        Visitor anonymous = server.newVisitor(channelId);
        server.visitorSends(anonymous, "no email here");
        var refused = server.http().post("/chatplugin.transcript", anonymous.token(), Map.of());
        assertEquals(400, refused.status());
        assertTrue(refused.json().get("message").asText().startsWith("no email address is known"));
    }

    private static String subject(MimeMessage email) {
        try {
            return email.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parleys_own_page_may_open_a_channel_limited_to_the_website() {
        String limited = server.connectChannel("limited-site").get("id").asText();
        server.http()
                .operator(
                        "/channels.update",
                        Map.of("channel_id", limited, "allowed_origins", List.of("https://shop.example.com")))
                .ok();
        assertEquals(200, authenticateFrom(limited, "https://chat.example.test"), "PARLEY_PUBLIC_URL's origin");
        assertEquals(200, authenticateFrom(limited, "https://shop.example.com"));
        assertEquals(403, authenticateFrom(limited, "https://elsewhere.example.net"));
    }

    private static int authenticateFrom(String channel, String origin) {
        return server.http()
                .execute(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.authenticate"))
                        .header("Origin", origin)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel_id\":\"" + channel + "\"}"))
                        .build())
                .status();
    }

    private static io.parley.support.Http.Response transcript(Chat chat) {
        return server.http().post("/chatplugin.transcript", chat.visitor().token(), Map.of());
    }
}
