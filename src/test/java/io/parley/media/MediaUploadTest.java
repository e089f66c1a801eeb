package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.Http;
import io.parley.support.Multipart;
import io.parley.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads over real multipart HTTP: accepted kinds, hostile files, the size limit, and the served headers. */
@Timeout(120)
class MediaUploadTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static TestServer.Visitor visitor;

    @BeforeAll
    static void visitor() {
        visitor = server.newVisitor(
                server.connectChannel("media-upload").get("id").asText());
    }

    /** Each test uploads as a fresh visitor: the 10-a-minute limit is another test's subject. */
    private static String freshVisitorToken() {
        return server.newVisitor(visitor.channelId()).token();
    }

    @Test
    void a_png_is_stored_and_served_inline_with_headers_that_keep_the_browser_from_running_it() throws Exception {
        byte[] png = Samples.image("png");
        var upload =
                Multipart.file("cat.png", "image/png", png).post(server, "/chatplugin.upload", freshVisitorToken());
        var json = upload.ok().json();
        assertEquals("cat.png", json.get("name").asText());
        assertEquals(png.length, json.get("size").asLong());
        assertEquals("image/png", json.get("content_type").asText());
        String url = json.get("media_url").asText();
        assertTrue(url.matches("http://localhost:" + server.port() + "/media/[A-Za-z0-9_-]{24}"), url);

        HttpResponse<byte[]> get = fetch(url, "GET");
        assertEquals(200, get.statusCode());
        assertArrayEquals(png, get.body());
        assertEquals("image/png", get.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "nosniff", get.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(
                "default-src 'none'; sandbox",
                get.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("inline", get.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(
                "private, max-age=31536000, immutable",
                get.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<byte[]> head = fetch(url, "HEAD");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals("image/png", head.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                String.valueOf(png.length),
                head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void jpeg_gif_webp_pdf_and_text_are_accepted_with_the_type_read_from_their_bytes() {
        assertType("image/jpeg", Samples.image("jpg"), "photo.bin");
        assertType("image/gif", Samples.image("gif"), "anim.png");
        assertType("image/webp", Samples.webp(), "x.webp");
        assertType("application/pdf", Samples.pdf(), "invoice");
        assertType("text/plain; charset=utf-8", "Grüße, a plain note\n".getBytes(StandardCharsets.UTF_8), "n.txt");
    }

    private static void assertType(String expected, byte[] content, String name) {
        var json = Multipart.file(name, "application/octet-stream", content)
                .post(server, "/media.upload", server.apiToken())
                .ok()
                .json();
        assertEquals(expected, json.get("content_type").asText(), name);
    }

    @Test
    void a_pdf_is_a_download_whose_name_is_safely_encoded() throws Exception {
        String name = "..\\..\\Rechnung März 100%.pdf";
        var json = Multipart.file(name, "application/pdf", Samples.pdf())
                .post(server, "/chatplugin.upload", freshVisitorToken())
                .ok()
                .json();
        assertEquals("Rechnung März 100%.pdf", json.get("name").asText(), "the folders are dropped");
        HttpResponse<byte[]> get = fetch(json.get("media_url").asText(), "GET");
        assertEquals(
                "attachment; filename=\"Rechnung M_rz 100_.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20100%25.pdf",
                get.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("application/pdf", get.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void hostile_files_are_415_whatever_their_name_and_header_say_and_nothing_is_stored() {
        long before = storedRows();
        String token = freshVisitorToken();
        refused(415, Multipart.file("logo.svg", "image/svg+xml", Samples.svgWithScript()), token);
        refused(415, Multipart.file("page.html", "text/html", Samples.html()), token);
        refused(415, Multipart.file("photo.png", "image/png", Samples.html()), token);
        refused(415, Multipart.file("notes.txt", "text/plain", Samples.svgWithScript()), token);
        refused(415, Multipart.file("x.txt", "text/plain", Samples.ascii("<script>alert(1)</script>")), token);
        refused(415, Multipart.file("a.gif", "image/gif", Samples.gifThenScript()), token);
        refused(415, Multipart.file("b.gif", "image/gif", Samples.gifJsPolyglot()), token);
        refused(415, Multipart.file("nul.txt", "text/plain", new byte[] {'h', 'i', 0, '!'}), token);
        refused(415, Multipart.file("latin1.txt", "text/plain", new byte[] {'c', 'a', 'f', (byte) 0xe9}), token);
        byte[] truncatedPng = Arrays.copyOf(Samples.image("png"), Samples.image("png").length - 5);
        refused(415, Multipart.file("cut.png", "image/png", truncatedPng), token);
        assertNothingStoredSince(before);
    }

    @Test
    void an_empty_file_and_a_body_without_a_file_part_are_400_and_nothing_is_stored() {
        long before = storedRows();
        String token = freshVisitorToken();
        assertEquals("the file is empty", refused(400, Multipart.file("e.png", "image/png", new byte[0]), token));
        String noFile =
                refused(400, new Multipart().part("attachment", "a.png", "image/png", Samples.image("png")), token);
        assertTrue(noFile.contains("'file'"), noFile);
        var notMultipart = server.http().post("/chatplugin.upload", token, "{\"file\":\"x\"}");
        assertTrue(notMultipart.error(400).contains("multipart/form-data"));
        assertNothingStoredSince(before);
    }

    @Test
    void exactly_the_limit_is_accepted_and_one_byte_more_is_413_with_nothing_stored() {
        int limit = (int) MediaSettings.DEFAULT_MAX_UPLOAD_BYTES;
        byte[] text = new byte[limit];
        Arrays.fill(text, (byte) 'a');
        var json = Multipart.file("big.txt", "text/plain", text)
                .post(server, "/media.upload", server.apiToken())
                .ok()
                .json();
        assertEquals(limit, json.get("size").asLong());

        long before = storedRows();
        byte[] over = Arrays.copyOf(text, limit + 1);
        over[limit] = 'a';
        String message =
                refused(413, Multipart.file("big.txt", "text/plain", over), server.apiToken(), "/media.upload");
        assertTrue(message.contains(String.valueOf(limit)), message);
        assertNothingStoredSince(before);
    }

    @Test
    void a_chunked_upload_without_a_content_length_is_stored_and_the_limit_still_holds() {
        byte[] png = Samples.image("png");
        for (int piece : new int[] {7, 1000, 64 * 1024}) {
            var json = Multipart.file("chunked.png", "image/png", png)
                    .postChunked(server, "/chatplugin.upload", freshVisitorToken(), piece)
                    .ok()
                    .json();
            assertEquals(png.length, json.get("size").asLong(), "pieces of " + piece);
        }
        int limit = (int) MediaSettings.DEFAULT_MAX_UPLOAD_BYTES;
        byte[] text = new byte[limit];
        Arrays.fill(text, (byte) 'a');
        var exact = Multipart.file("big.txt", "text/plain", text)
                .postChunked(server, "/media.upload", server.apiToken(), 32 * 1024)
                .ok()
                .json();
        assertEquals(limit, exact.get("size").asLong());
        byte[] over = Arrays.copyOf(text, limit + 1);
        over[limit] = 'a';
        long before = storedRows();
        String message = Multipart.file("big.txt", "text/plain", over)
                .postChunked(server, "/media.upload", server.apiToken(), 32 * 1024)
                .error(413);
        assertTrue(message.contains(String.valueOf(limit)), message);
        assertNothingStoredSince(before);
    }

    /**
     * As Node's fetch sends a FormData stream: chunked, in many small writes or with the whole body,
     * its last chunk and the terminating empty chunk in one TCP write (and so one server read).
     */
    @Test
    void a_chunked_upload_over_a_raw_socket_is_stored() throws Exception {
        for (boolean oneWrite : new boolean[] {false, true}) {
            String response = sendChunked(
                    Multipart.file("raw.png", "image/png", Samples.image("png")).bytes(), oneWrite);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("\"size\":" + Samples.image("png").length), response);
        }
    }

    private static String sendChunked(byte[] body, boolean oneWrite) throws IOException {
        try (var socket = new java.net.Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            var request = new java.io.ByteArrayOutputStream();
            var out = socket.getOutputStream();
            request.writeBytes(("POST /chatplugin.upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                            + "Authorization: Bearer " + freshVisitorToken() + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < body.length; i += 100) {
                int n = Math.min(100, body.length - i);
                request.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(body, i, n);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                if (!oneWrite) {
                    out.write(request.toByteArray());
                    out.flush();
                    request.reset();
                }
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(request.toByteArray());
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void a_body_declared_larger_than_the_limit_is_413_before_it_is_sent() throws Exception {
        long before = storedRows();
        try (var socket = new java.net.Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("POST /media.upload HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                                    + "Content-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
                                    + "\r\nContent-Length: 1073741824\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 413 Payload Too Large", in.readLine());
        }
        assertNothingStoredSince(before);
    }

    @Test
    void a_text_file_served_to_a_client_accepting_gzip_arrives_intact() throws Exception {
        byte[] text = "line of plain text\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        String url = Multipart.file("t.txt", "text/plain", text)
                .post(server, "/media.upload", server.apiToken())
                .ok()
                .json()
                .get("media_url")
                .asText();
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept-Encoding", "gzip")
                .build();
        HttpResponse<byte[]> get = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        byte[] body = get.body();
        if (get.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
        }
        assertArrayEquals(text, body);
    }

    @Test
    void a_visitor_of_a_disconnected_channel_cannot_upload() {
        String channel = server.connectChannel("media-closing").get("id").asText();
        String token = server.newVisitor(channel).token();
        var disconnected = server.http().operator("/channels.disconnect", java.util.Map.of("channel_id", channel));
        assertEquals(202, disconnected.status());
        long before = storedRows();
        assertEquals(
                "channel not found",
                refused(404, Multipart.file("a.png", null, Samples.image("png")), token, "/media.upload"));
        assertEquals("channel not found", refused(404, Multipart.file("a.png", null, Samples.image("png")), token));
        assertNothingStoredSince(before);
    }

    @Test
    void an_unknown_or_malformed_id_is_a_json_404() {
        assertEquals(
                "no such file",
                server.http().get("/media/AAAAAAAAAAAAAAAAAAAAAAAA").error(404));
        assertEquals(
                "no such file", server.http().get("/media/..%2Fparley.mv.db").error(404));
    }

    private static String refused(int status, Multipart body, String token) {
        return refused(status, body, token, "/chatplugin.upload");
    }

    private static String refused(int status, Multipart body, String token, String path) {
        Http.Response response = body.post(server, path, token);
        return response.error(status);
    }

    static long storedRows() {
        return server.parley().services().media().count();
    }

    /** No new row, and the folder holds exactly one file per row: no temporary file was left either. */
    private static void assertNothingStoredSince(long rowsBefore) {
        assertEquals(rowsBefore, storedRows());
        assertEquals(rowsBefore, filesIn(server.dataDir().resolve("media")));
    }

    static long filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<byte[]> fetch(String url, String method) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void the_id_is_not_guessable_and_never_repeats() {
        String a = MediaStore.newId();
        String b = MediaStore.newId();
        assertEquals(24, a.length());
        assertTrue(!a.equals(b));
        assertNull(MediaUrls.idOf("javascript:alert(1)//media/" + a, null));
    }
}
