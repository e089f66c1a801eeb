package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.auth.Tokens;
import io.parley.support.Http;
import io.parley.support.Multipart;
import io.parley.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may send which upload where, token-less uploads, and the 24-hour clean-up of unsent ones. */
@Timeout(60)
class MediaSharingTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static String channelId;

    @BeforeAll
    static void channel() {
        channelId = server.connectChannel("media-sharing").get("id").asText();
    }

    private static String visitor() {
        String token = server.newVisitor(channelId).token();
        server.visitorSends(new TestServer.Visitor(channelId, token), "hello"); // the conversation exists
        return token;
    }

    private static UUID conversationOf(String visitorToken) {
        return server.parley()
                .services()
                .tokens()
                .verify(Tokens.Kind.VISITOR, visitorToken)
                .conversationId();
    }

    private static String upload(String path, String token, byte[] content) {
        return Multipart.file("f", null, content)
                .post(server, path, token)
                .ok()
                .json()
                .get("media_url")
                .asText();
    }

    private static Http.Response visitorSendsFile(String token, String url) {
        return server.http().post("/chatplugin.send", token, Map.of("message", attachment(url)));
    }

    private static Http.Response operatorSendsFile(UUID conversationId, String url) {
        return server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", conversationId.toString(), "message", attachment(url)));
    }

    private static Map<String, Object> attachment(String url) {
        return Map.of("attachment", Map.of("type", "image", "payload", Map.of("url", url)));
    }

    @Test
    void a_visitor_sends_its_own_upload_and_another_visitor_cannot_send_it() {
        String a = visitor();
        String b = visitor();
        String url = upload("/chatplugin.upload", a, Samples.image("png"));

        String refusal = visitorSendsFile(b, url).error(400);
        assertTrue(refusal.contains("message.attachment.payload.url"), refusal);

        JsonNode sent = visitorSendsFile(a, url).ok().json();
        assertTrue(sent.toString().contains(url), sent.toString());
        assertEquals(400, visitorSendsFile(b, url).status(), "still not B's after A sent it");
        assertEquals(200, visitorSendsFile(a, url).status(), "A may send its file again");
    }

    @Test
    void a_token_less_upload_is_served_only_once_a_visitor_sent_it_and_then_belongs_to_that_conversation()
            throws Exception {
        String url = upload("/media.upload", null, Samples.image("gif"));
        assertEquals(404, MediaUploadTest.fetch(url, "GET").statusCode());

        String a = visitor();
        visitorSendsFile(a, url).ok();
        assertEquals(200, MediaUploadTest.fetch(url, "GET").statusCode());
        assertEquals(400, visitorSendsFile(visitor(), url).status());
        assertEquals(400, operatorSendsFile(conversationOf(visitor()), url).status());
    }

    @Test
    void an_operator_sends_its_upload_in_one_conversation_only_and_never_a_visitors_elsewhere() {
        UUID first = conversationOf(visitor());
        UUID second = conversationOf(visitor());
        String pdf = upload("/media.upload", server.apiToken(), Samples.pdf());
        JsonNode sent = operatorSendsFile(first, pdf).ok().json();
        assertTrue(sent.toString().contains("application/pdf"), sent.toString());
        assertEquals(400, operatorSendsFile(second, pdf).status());

        String visitorA = visitor();
        String visitorsFile = upload("/chatplugin.upload", visitorA, Samples.image("png"));
        assertEquals(400, operatorSendsFile(second, visitorsFile).status());
        operatorSendsFile(conversationOf(visitorA), visitorsFile).ok();
    }

    @Test
    void urls_this_server_did_not_issue_are_400() {
        String a = visitor();
        String url = upload("/chatplugin.upload", a, Samples.image("png"));
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(400, visitorSendsFile(a, "http://evil.example/media/" + id).status());
        assertEquals(400, visitorSendsFile(a, url + "?x=1").status());
        assertEquals(400, visitorSendsFile(a, "https://example.com/cat.png").status());
        assertEquals(400, visitorSendsFile(a, "/media/" + "A".repeat(24)).status());
        visitorSendsFile(a, "/media/" + id).ok(); // the path alone names the same upload
    }

    @Test
    void unsent_uploads_are_deleted_after_24_hours_with_their_files_and_sent_ones_are_kept() throws Exception {
        String a = visitor();
        String unsent = upload("/chatplugin.upload", a, Samples.image("png"));
        String sent = upload("/chatplugin.upload", a, Samples.image("jpg"));
        visitorSendsFile(a, sent).ok();
        MediaService media = server.parley().services().media();
        long now = System.currentTimeMillis();

        media.deleteUnsent(now + Duration.ofHours(23).toMillis());
        assertEquals(200, MediaUploadTest.fetch(unsent, "GET").statusCode(), "younger than 24 hours: kept");

        long filesBefore = MediaUploadTest.filesIn(server.dataDir().resolve("media"));
        int deleted =
                media.deleteUnsent(now + Duration.ofHours(24).plusMinutes(1).toMillis());
        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(404, MediaUploadTest.fetch(unsent, "GET").statusCode());
        assertEquals(200, MediaUploadTest.fetch(sent, "GET").statusCode());
        assertEquals(
                filesBefore - deleted, MediaUploadTest.filesIn(server.dataDir().resolve("media")));
        assertEquals(0, media.deleteUnsent(now + Duration.ofHours(25).toMillis()), "a second run finds nothing");
        assertEquals(400, visitorSendsFile(a, unsent).status(), "a deleted upload cannot be sent");
    }

    @Test
    void temporary_files_left_by_an_interrupted_upload_are_swept_after_two_hours() throws Exception {
        Path folder = server.dataDir().resolve("media");
        Path stale = Files.writeString(folder.resolve(".upload-died-mid-way.tmp"), "partial");
        Files.setLastModifiedTime(
                stale,
                FileTime.fromMillis(
                        System.currentTimeMillis() - Duration.ofHours(3).toMillis()));
        Path fresh = Files.writeString(folder.resolve(".upload-in-progress.tmp"), "partial");
        server.parley().services().media().deleteUnsent(System.currentTimeMillis());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "an upload still under way is left alone");
        Files.delete(fresh);
    }

    @Test
    void two_clean_ups_at_once_delete_each_unsent_upload_once_and_leave_rows_and_files_in_step() throws Exception {
        String a = visitor();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add(upload("/media.upload", server.apiToken(), Samples.image("png")));
        }
        MediaService media = server.parley().services().media();
        long later = System.currentTimeMillis() + Duration.ofHours(25).toMillis();
        long rowsBefore = media.count();
        var pool = Executors.newFixedThreadPool(2);
        try {
            var start = new CountDownLatch(1);
            Callable<Integer> cleanUp = () -> {
                start.await();
                return media.deleteUnsent(later);
            };
            Future<Integer> first = pool.submit(cleanUp);
            Future<Integer> second = pool.submit(cleanUp);
            start.countDown();
            int deleted = first.get() + second.get();
            assertTrue(deleted >= urls.size(), "deleted " + deleted);
            assertEquals(rowsBefore - deleted, media.count(), "each row deleted once");
        } finally {
            pool.shutdownNow();
        }
        for (String url : urls) {
            assertEquals(404, MediaUploadTest.fetch(url, "GET").statusCode());
            assertEquals(400, visitorSendsFile(a, url).status());
        }
        assertEquals(media.count(), MediaUploadTest.filesIn(server.dataDir().resolve("media")));
    }
}
