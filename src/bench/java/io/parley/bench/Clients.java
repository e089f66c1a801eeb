package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP clients the generator uses: one for API calls, a few for sockets so that one
 * selector thread does not serialize every socket's reads.
 */
final class Clients implements AutoCloseable {
    private static final int SOCKET_CLIENTS = 4;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, daemon("bench-http"));
    final HttpClient api = build();
    private final HttpClient[] sockets = new HttpClient[SOCKET_CLIENTS];
    private final AtomicInteger next = new AtomicInteger();

    Clients() {
        for (int i = 0; i < SOCKET_CLIENTS; i++) {
            sockets[i] = build();
        }
    }

    private HttpClient build() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .executor(executor)
                .build();
    }

    HttpClient socketClient() {
        return sockets[Math.floorMod(next.getAndIncrement(), SOCKET_CLIENTS)];
    }

    CompletableFuture<HttpResponse<String>> post(String url, String bearer, String json) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return api.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
