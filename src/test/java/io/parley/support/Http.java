package io.parley.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for the tests; bodies are objects (serialized) or raw strings. */
public final class Http {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final TestServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Http(TestServer server) {
        this.server = server;
    }

    public Response operator(String path, Object body) {
        return post(path, server.apiToken(), body);
    }

    public Response post(String path, String bearerToken, Object body) {
        return send(path, bearerToken, body instanceof String raw ? raw : write(body), "POST");
    }

    public Response get(String path) {
        return send(path, null, null, "GET");
    }

    public Response send(String path, String bearerToken, String body, String method) {
        var builder =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return execute(builder.build());
    }

    public Response execute(HttpRequest request) {
        try {
            return new Response(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        public Response ok() {
            assertEquals(200, status(), () -> "expected 200 but got " + status() + ": " + body());
            return this;
        }

        /** The contract's error shape, with this status; returns the message. */
        public String error(int expectedStatus) {
            assertEquals(expectedStatus, status(), () -> "status of " + body());
            JsonNode json = json();
            if (!json.isObject() || !json.path("message").isTextual() || json.size() != 1) {
                throw new AssertionError("not the contract's error shape: " + body());
            }
            return json.get("message").asText();
        }
    }
}
