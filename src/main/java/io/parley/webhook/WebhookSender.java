package io.parley.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** One signed POST of a stored event body; answers why it failed, or null when the receiver took it. */
final class WebhookSender {
    private final Duration timeout;
    private final int staleRetries;
    private HttpClient client;

    /**
     * {@code concurrency}: how many requests may run at once, so how many pooled connections a
     * receiver may have closed behind our back; a request retries on that many plus one before it
     * fails, which reaches a fresh connection. Those retries are not counted as attempts.
     */
    WebhookSender(Duration timeout, int concurrency) {
        this.timeout = timeout;
        this.staleRetries = concurrency + 1;
    }

    /** Built on first use: it loads the TLS trust store, which a server without a webhook need not wait for. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    String send(Webhook target, Map<String, String> headers, String body) throws InterruptedException {
        HttpRequest request;
        try {
            request = request(target, headers, body.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return "request refused by the HTTP client: " + e.getMessage();
        }
        // the request timeout stops at the response headers; this bound also covers a body that trickles,
        // and the retries below, so that a send always ends within the dispatcher's lease
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout.toMillis() * 2 + 1_000);
        for (int retry = 0; ; retry++) {
            try {
                return sendOnce(request, deadline);
            } catch (ExecutionException e) {
                if (!droppedConnection(e.getCause()) || retry == staleRetries || System.nanoTime() >= deadline) {
                    return describe(e.getCause());
                }
                // the pool handed us a connection the receiver had closed: try again at once
            }
        }
    }

    private String sendOnce(HttpRequest request, long deadline) throws InterruptedException, ExecutionException {
        CompletableFuture<HttpResponse<Void>> response =
                client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = response.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (TimeoutException e) {
            response.cancel(true);
            return "timed out after " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    /**
     * A receiver that closes its connection after answering (Python's http.server, HTTP/1.0)
     * without saying {@code Connection: close} leaves the pool a dead connection; a request sent on
     * it fails before any response byte. Not a timeout, a refused connect or a TLS failure: those
     * are the receiver's own and count as attempts.
     */
    private static boolean droppedConnection(Throwable cause) {
        return cause instanceof IOException
                && !(cause instanceof HttpTimeoutException)
                && !(cause instanceof ConnectException)
                && !(cause instanceof SSLException);
    }

    private HttpRequest request(Webhook target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(timeout)
                .header("User-Agent", "Parley-Webhook")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::setHeader);
        return request.setHeader("Content-Type", "application/json")
                .setHeader(Signatures.HEADER, Signatures.sign(target.apiSecret(), body))
                .build();
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        String kind = cause instanceof IOException ? "connection failed: " : "request failed: ";
        String detail = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return kind + cause.getClass().getSimpleName() + detail;
    }
}
