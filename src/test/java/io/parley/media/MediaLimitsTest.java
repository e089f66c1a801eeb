package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Parley;
import io.parley.StartFailure;
import io.parley.TestConfig;
import io.parley.support.Http;
import io.parley.support.Multipart;
import io.parley.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 10 uploads a minute, a trickled upload given up on, and a media folder the node cannot write to. */
@Timeout(90)
class MediaLimitsTest {
    /** A short upload time limit, so the trickle test takes seconds. */
    @RegisterExtension
    static final TestServer server =
            TestServer.perClass(c -> TestConfig.withMedia(c, c.media().withUploadTimeout(Duration.ofSeconds(2))));

    /**
     * The bucket refills one upload every 6 seconds: up to two refills are allowed for a slow machine,
     * so the eleventh to thirteenth request must meet a 429 unless the loop took over 12 seconds.
     */
    private static void assertTenAMinute(String path, String token) {
        for (int i = 0; i < 10; i++) {
            // refused uploads count too: every other one is a file Parley does not take
            byte[] content = i % 2 == 0 ? Samples.image("png") : Samples.html();
            int status =
                    Multipart.file("f", null, content).post(server, path, token).status();
            assertEquals(i % 2 == 0 ? 200 : 415, status, "upload " + (i + 1));
        }
        Http.Response refused = null;
        for (int i = 0; i < 3 && refused == null; i++) {
            Http.Response response =
                    Multipart.file("f", null, Samples.image("png")).post(server, path, token);
            refused = response.status() == 429 ? response : null;
        }
        assertNotNull(refused, "no 429 after 13 uploads");
        assertTrue(refused.error(429).contains("10 a minute"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
    }

    @Test
    void a_visitor_may_upload_10_files_a_minute_counting_refused_ones_and_others_are_not_affected() {
        String channel = server.connectChannel("limits").get("id").asText();
        assertTenAMinute("/chatplugin.upload", server.newVisitor(channel).token());
        String other = server.newVisitor(channel).token();
        Multipart.file("f", null, Samples.image("png"))
                .post(server, "/chatplugin.upload", other)
                .ok();
        Multipart.file("f", null, Samples.image("png"))
                .post(server, "/media.upload", server.apiToken())
                .ok();
    }

    @Test
    void token_less_uploads_are_10_a_minute_per_address() {
        assertTenAMinute("/media.upload", null);
    }

    @Test
    void a_trickled_upload_is_given_up_after_the_time_limit_and_nothing_is_stored() throws Exception {
        long rowsBefore = server.parley().services().media().count();
        Path folder = server.dataDir().resolve("media");
        long filesBefore = MediaUploadTest.filesIn(folder);
        String head = "--" + Multipart.BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.txt\"" + "\r\n\r\n";
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /media.upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + server.apiToken()
                            + "\r\nContent-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
                            + "\r\nContent-Length: 100000\r\n\r\n" + head)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread trickle = new Thread(() -> {
                try {
                    while (reading.get()) { // one byte every 100 ms: never idle, never done
                        out.write('a');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (Exception closed) {
                    // the server closed the connection: expected
                }
            });
            trickle.start();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            reading.set(false);
            trickle.join();
            assertEquals("HTTP/1.1 408 Request Timeout", status);
        }
        assertEquals(rowsBefore, server.parley().services().media().count());
        assertEquals(filesBefore, MediaUploadTest.filesIn(folder));
    }

    @Test
    void a_node_whose_media_folder_cannot_be_written_refuses_to_start_with_one_line() throws Exception {
        Path data = Files.createTempDirectory("parley-media-dir");
        Path notAFolder = Files.writeString(data.resolve("not-a-folder"), "a file where the media folder should be");
        var config = TestConfig.withMedia(
                TestConfig.forDataDir(data), MediaSettings.defaults(data).withDir(notAFolder));
        StartFailure failure = assertThrows(StartFailure.class, () -> Parley.start(config));
        assertTrue(failure.getMessage().startsWith("cannot write to the media folder "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("set PARLEY_MEDIA_DIR"), failure.getMessage());
        assertEquals(1, failure.getMessage().lines().count());
    }
}
