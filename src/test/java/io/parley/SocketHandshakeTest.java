package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.abuse.Limits;
import io.parley.json.Json;
import io.parley.support.RawWebSocket;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the WebSocket handshake itself answers, as a browser sends it, byte for byte. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHandshakeTest {
    private static final String BROWSER_OFFER = "Sec-WebSocket-Protocol: v12.stomp, v11.stomp, v10.stomp\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_browser_gets_its_first_subprotocol_no_compression_and_no_session_cookie() throws IOException {
        server = TestServer.start();
        String channelId = server.connectChannel("handshake-site").get("id").asText();
        Visitor visitor = server.newVisitor(channelId);
        try (Socket socket = open("/ws.chatplugin")) {
            String head = RawWebSocket.readHead(socket.getInputStream()).toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 101"), head);
            assertTrue(head.contains("sec-websocket-protocol: v12.stomp\r\n"), head);
            assertFalse(head.contains("sec-websocket-extensions"), head); // no Deflater kept per socket
            assertFalse(head.contains("set-cookie"), head); // no HTTP session per socket
            connect(socket, visitor);
        }
    }

    @Test
    void an_upgrade_beyond_the_socket_limit_gets_the_usual_json_error_before_any_socket_opens() throws IOException {
        server = TestServer.start(config -> TestConfig.withLimits(config, new Limits(100, 100, 1000, 10, 1, 1000)));
        Visitor visitor =
                server.newVisitor(server.connectChannel("full-site").get("id").asText());
        try (Socket first = open("/ws.chatplugin")) {
            assertTrue(RawWebSocket.readHead(first.getInputStream()).startsWith("HTTP/1.1 101"));
            connect(first, visitor); // the socket is open and counted once it answers
            try (Socket second = open("/ws.communication")) {
                assertRefused(second.getInputStream());
            }
        }
    }

    private static void assertRefused(InputStream in) throws IOException {
        String head = RawWebSocket.readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 429"), head);
        assertTrue(head.contains("Retry-After: 5\r\n"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("content-type: application/json"), head);
        int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        assertEquals(
                "too many sockets from this address",
                Json.MAPPER.readTree(body).get("message").asText());
    }

    /** CONNECT, and the CONNECTED that answers it in a text frame that is not compressed (RSV1 clear). */
    private static void connect(Socket socket, Visitor visitor) throws IOException {
        RawWebSocket.writeText(
                socket.getOutputStream(),
                "CONNECT\naccept-version:1.2\nAuthorization:Bearer " + visitor.token() + "\n\n\0");
        InputStream in = socket.getInputStream();
        assertEquals(0x81, in.read(), "a final text frame, not compressed");
        int length = in.read() & 0x7f;
        byte[] payload = in.readNBytes(length == 126 ? (in.read() << 8 | in.read()) : length);
        assertTrue(new String(payload, StandardCharsets.UTF_8).startsWith("CONNECTED\n"));
    }

    private Socket open(String path) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", server.port()), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + BROWSER_OFFER + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }
}
