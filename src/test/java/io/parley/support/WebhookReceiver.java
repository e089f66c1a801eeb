package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** A real HTTP server on a random port that records webhook requests and answers as a test tells it. */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Request> answered2xx = new CopyOnWriteArrayList<>();
    private volatile Responder responder = request -> 200;

    /** Decides the status for one request; may block (a slow or hanging receiver). */
    @FunctionalInterface
    public interface Responder {
        int status(Request request) throws InterruptedException;
    }

    public record Request(int number, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Http.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        public String id() {
            return json().path("id").asText();
        }
    }

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void respondWith(Responder newResponder) {
        responder = newResponder;
    }

    /** Every request that arrived, in arrival order, whatever it was answered. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /** The requests that were answered with a 2xx: what Parley counts as delivered. */
    public List<Request> delivered() {
        return List.copyOf(answered2xx);
    }

    public List<String> deliveredIds() {
        return answered2xx.stream().map(Request::id).collect(Collectors.toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request;
            synchronized (received) {
                request = new Request(
                        received.size() + 1,
                        exchange.getRequestHeaders(),
                        exchange.getRequestBody().readAllBytes());
                received.add(request);
            }
            int status = responder.status(request);
            exchange.sendResponseHeaders(status, -1);
            if (status >= 200 && status < 300) {
                answered2xx.add(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
