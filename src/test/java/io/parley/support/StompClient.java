package io.parley.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.stomp.Frame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket that speaks STOMP by hand, so tests can send exactly the bytes they mean. */
public final class StompClient implements AutoCloseable {
    private final WebSocket socket;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> rawMessages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private StompClient(String url) {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("v12.stomp", "v11.stomp", "v10.stomp")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener())
                .join();
    }

    public static StompClient open(String url) {
        return new StompClient(url);
    }

    /** Opens, CONNECTs with the token, and checks the CONNECTED. */
    public static StompClient connect(String url, String token) {
        StompClient client = open(url);
        client.send("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
        Frame connected = client.next();
        assertEquals("CONNECTED", connected.command(), () -> "CONNECT refused: " + connected.headers());
        return client;
    }

    public StompClient subscribe(String id, String destination) {
        send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:r-" + id + "\n\n\0");
        Frame receipt = next();
        assertEquals("RECEIPT", receipt.command(), () -> "SUBSCRIBE refused: " + receipt.headers());
        return this;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    public Frame next() {
        Frame frame = poll(10_000);
        assertNotNull(frame, "no frame within 10 s");
        return frame;
    }

    public Frame poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Raw text of every WebSocket message, heart-beats included. */
    public String nextRaw(long millis) throws InterruptedException {
        return rawMessages.poll(millis, TimeUnit.MILLISECONDS);
    }

    public boolean awaitClose(long millis) {
        try {
            closed.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                rawMessages.add(text);
                frames.addAll(parseServerFrames(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    /**
     * Server frames (CONNECTED, MESSAGE, RECEIPT, ERROR) have JSON or text bodies without NULs,
     * so splitting on NUL is enough here; the server's own decoder is tested on its own.
     */
    public static List<Frame> parseServerFrames(String text) {
        List<Frame> result = new ArrayList<>();
        for (String chunk : text.split("\0", -1)) {
            String frame = chunk.replaceFirst("^[\r\n]+", "");
            if (frame.isEmpty()) {
                continue;
            }
            int blank = frame.indexOf("\n\n");
            String head = blank < 0 ? frame : frame.substring(0, blank);
            String body = blank < 0 ? "" : frame.substring(blank + 2);
            String[] lines = head.split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon), unescape(lines[i].substring(colon + 1)));
            }
            result.add(Frame.of(lines[0], headers, body));
        }
        return result;
    }

    private static String unescape(String value) {
        return value.replace("\\c", ":")
                .replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\\\", "\\");
    }
}
