package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Multipart;
import io.parley.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two nodes on one PostgreSQL database and one media folder: any node serves any file, clean-ups never collide. */
@Tag("postgresql")
@Timeout(120)
class MediaTwoNodesTest {
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        a = TestServer.startOnPostgres(c -> c);
        b = a.secondNode();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void a_file_uploaded_on_one_node_is_served_and_sent_through_the_other() throws Exception {
        String channel = a.connectChannel("media-two-nodes").get("id").asText();
        String token = a.newVisitor(channel).token();
        String url = Multipart.file("p.png", "image/png", Samples.image("png"))
                .post(a, "/chatplugin.upload", token)
                .ok()
                .json()
                .get("media_url")
                .asText();
        String onB = url.replace(":" + a.port() + "/", ":" + b.port() + "/");
        assertEquals(200, MediaUploadTest.fetch(onB, "GET").statusCode());

        String anonymous = Multipart.file("q.gif", null, Samples.image("gif"))
                .post(b, "/media.upload", null)
                .ok()
                .json()
                .get("media_url")
                .asText();
        assertEquals(404, MediaUploadTest.fetch(anonymous, "GET").statusCode());
        var attachment = Map.of("attachment", Map.of("type", "image", "payload", Map.of("url", anonymous)));
        a.http().post("/chatplugin.send", token, Map.of("message", attachment)).ok();
        assertEquals(200, MediaUploadTest.fetch(anonymous, "GET").statusCode());
    }

    @Test
    void both_nodes_cleaning_up_at_once_delete_each_unsent_upload_once() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestServer node = i % 2 == 0 ? a : b;
            urls.add(Multipart.file("f", null, Samples.pdf())
                    .post(node, "/media.upload", node.apiToken())
                    .ok()
                    .json()
                    .get("media_url")
                    .asText());
        }
        long later = System.currentTimeMillis() + Duration.ofHours(25).toMillis();
        long rowsBefore = a.parley().services().media().count();
        var go = new CountDownLatch(1);
        var onA = CompletableFuture.supplyAsync(() -> cleanUp(a, go, later));
        var onB = CompletableFuture.supplyAsync(() -> cleanUp(b, go, later));
        go.countDown();
        int deleted = onA.get() + onB.get();
        assertEquals(rowsBefore - deleted, a.parley().services().media().count(), "each row deleted once");
        for (String url : urls) {
            assertEquals(404, MediaUploadTest.fetch(url, "GET").statusCode());
        }
        assertEquals(
                a.parley().services().media().count(),
                MediaUploadTest.filesIn(a.dataDir().resolve("media")));
    }

    private static int cleanUp(TestServer node, CountDownLatch go, long now) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return node.parley().services().media().deleteUnsent(now);
    }
}
