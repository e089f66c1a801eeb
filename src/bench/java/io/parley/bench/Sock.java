package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One client WebSocket (the JDK's). Text messages go to {@code onText}; sends are chained because
 * the JDK socket allows one outstanding send at a time.
 */
final class Sock implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<String> onText;
    private CompletableFuture<String> nextReply;
    private volatile boolean closed;
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    /** Every open socket, for the heart-beat task. */
    private static final java.util.Set<Sock> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Sock() {}

    /** A STOMP heart-beat (a lone newline) on every open socket; the ceiling ignores blank messages. */
    static void heartbeatAll() {
        for (Sock sock : OPEN) {
            sock.send("\n");
        }
    }

    static CompletableFuture<Sock> open(HttpClient client, String url) {
        Sock sock = new Sock();
        return client.newWebSocketBuilder()
                .subprotocols("v12.stomp")
                .connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(url), sock)
                .thenApply(ws -> {
                    sock.socket = ws;
                    OPEN.add(sock);
                    return sock;
                });
    }

    /** Sends and completes with the next text message that arrives (a reply). */
    synchronized CompletableFuture<String> request(String text) {
        nextReply = new CompletableFuture<>();
        CompletableFuture<String> reply = nextReply;
        send(text);
        return reply;
    }

    synchronized void send(String text) {
        if (closed) {
            return;
        }
        sending = sending.handle((ok, err) -> null).thenCompose(x -> socket.sendText(text, true));
    }

    void onText(Consumer<String> handler) {
        this.onText = handler;
    }

    boolean isClosed() {
        return closed;
    }

    void abort() {
        closed = true;
        OPEN.remove(this);
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!text.isBlank()) {
                deliver(text);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void deliver(String text) {
        CompletableFuture<String> reply;
        synchronized (this) {
            reply = nextReply;
            nextReply = null;
        }
        if (reply != null) {
            reply.complete(text);
            return;
        }
        Consumer<String> handler = onText;
        if (handler != null) {
            handler.accept(text);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        OPEN.remove(this);
        failPending("closed " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        OPEN.remove(this);
        failPending("error " + error);
    }

    private synchronized void failPending(String why) {
        if (nextReply != null) {
            nextReply.completeExceptionally(new IllegalStateException(why));
            nextReply = null;
        }
    }
}
