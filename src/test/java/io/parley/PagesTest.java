package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.Http.Response;
import io.parley.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pages served from the jar, over plain HTTP (the browser tests use them in Chromium). */
class PagesTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void the_demo_page_shows_snippets_for_this_server_and_loads_the_widget_from_its_own_origin() {
        String html = server.http().get("/").ok().body();

        assertTrue(html.contains("&lt;script src=\"" + server.baseUrl() + "/s.js\" data-channel-id=\""), html);
        assertTrue(html.contains("<script src=\"/s.js\" data-channel-id=\""), "the page's own widget, relative");
        assertFalse(html.contains("__PARLEY_"), "a placeholder left in the page");
    }

    @Test
    void behind_a_tls_proxy_the_demo_page_snippets_say_https() {
        String html = demoPage("https").body();

        assertTrue(html.contains("&lt;script src=\"https://localhost:" + server.port() + "/s.js\""), html);
        assertTrue(html.contains("h: \"https://localhost:" + server.port() + "\""), html);
    }

    @Test
    void an_unknown_forwarded_scheme_is_ignored() {
        assertTrue(demoPage("javascript").body().contains("&lt;script src=\"" + server.baseUrl() + "/s.js\""));
    }

    @Test
    void the_widget_and_the_inbox_are_served_as_scripts_and_pages() {
        assertEquals(
                "text/javascript; charset=utf-8",
                server.http().get("/s.js").ok().header("Content-Type"));
        assertEquals(
                "text/javascript; charset=utf-8",
                server.http().get("/inbox.js").ok().header("Content-Type"));
        String inbox = server.http().get("/inbox").ok().body();
        assertTrue(inbox.contains("id=\"login-form\""), inbox);
        assertFalse(inbox.contains("__PARLEY_"), "a placeholder left in the inbox");
        assertEquals(
                "text/javascript; charset=utf-8",
                server.http().get("/inbox/thread.js").ok().header("Content-Type"));
        assertEquals(
                "text/css; charset=utf-8",
                server.http().get("/inbox/inbox.css").ok().header("Content-Type"));
        server.http().get("/inbox/nothing.js").error(404);
        server.http().get("/inbox/..%2Fs.js").error(404);
        server.http().get("/inbox/index.html").error(404);
    }

    @Test
    void the_inbox_offers_the_first_run_only_while_nobody_has_an_account() {
        try (TestServer fresh = TestServer.start()) {
            assertTrue(fresh.http().get("/inbox").ok().body().contains("data-setup=\"needed\""));
            fresh.http()
                    .operator(
                            "/auth.setup",
                            java.util.Map.of(
                                    "email", "first@example.com", "name", "First", "password", "correct horse battery"))
                    .ok();
            assertTrue(fresh.http().get("/inbox").ok().body().contains("data-setup=\"done\""));
        }
    }

    /** The budget counts what every visitor of every site downloads: the script as served. */
    @Test
    void the_served_widget_is_under_45_kb_raw_and_15_kb_gzipped_and_still_parses() throws Exception {
        byte[] served = server.http().get("/s.js").ok().body().getBytes(StandardCharsets.UTF_8);

        assertTrue(served.length < 45 * 1024, "s.js is served as " + served.length + " bytes, over 45 KB");
        int gzipped = gzip(served).length;
        assertTrue(gzipped < 15 * 1024, "s.js is " + gzipped + " bytes gzipped, over 15 KB");
        assertEquals(
                Files.readString(Path.of("src/main/resources/web/s.js")),
                new String(served, StandardCharsets.UTF_8),
                "s.js is served as it is in the repository, no build step");
        assertNodeParses(served);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) { // the default level, as servers compress on the fly
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void assertNodeParses(byte[] script) throws Exception {
        Path file = Files.createTempFile("parley-served-s", ".js");
        try {
            Files.write(file, script);
            Process node = new ProcessBuilder("node", "--check", file.toString())
                    .redirectErrorStream(true)
                    .start();
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node --check did not finish");
            assertEquals(0, node.exitValue(), () -> "the served s.js does not parse:\n" + output);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Response demoPage(String forwardedProto) {
        return server.http()
                .execute(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                        .header("X-Forwarded-Proto", forwardedProto)
                        .GET()
                        .build())
                .ok();
    }
}
