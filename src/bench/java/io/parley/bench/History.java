package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Scenario 5: resuming a long conversation (/chatplugin.authenticate with a resume token returns
 * its whole history) and listing conversations (/conversations.list), one call at a time. Timed
 * with a blocking HttpURLConnection over one kept-alive connection: the JDK's asynchronous
 * HttpClient adds several milliseconds of its own thread hand-offs to every call, which would
 * drown what is being measured.
 */
final class History {
    private static final int WARM_UP = 20;

    record Result(Latencies resume, int resumeMessages, Latencies list, String listNote) {}

    static Result run(
            Clients clients, String baseUrl, String apiToken, String channelId, String conversationId, int calls) {
        JsonNode token = ParleyTarget.read(clients.post(
                        baseUrl + "/chatplugin.resumeToken",
                        apiToken,
                        "{\"channel_id\":\"" + channelId + "\",\"conversation_id\":\"" + conversationId + "\"}")
                .join()
                .body());
        String resumeBody = "{\"resume_token\":\"" + token.get("resume_token").asText() + "\"}";
        Latencies resume = new Latencies();
        int messages = -1;
        for (int i = 0; i < WARM_UP + calls; i++) {
            long start = System.nanoTime();
            var response = post(baseUrl + "/chatplugin.authenticate", null, resumeBody);
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("resume: " + response.statusCode() + " " + response.body());
            }
            if (i >= WARM_UP) {
                resume.add(took);
            } else if (i == 0) {
                messages = ParleyTarget.read(response.body()).get("messages").size();
            }
        }
        Latencies list = new Latencies();
        String note = null;
        for (int i = 0; i < WARM_UP + calls && note == null; i++) {
            long start = System.nanoTime();
            var response = post(baseUrl + "/conversations.list", apiToken, "{\"page_size\":20}");
            long took = System.nanoTime() - start;
            if (response.statusCode() == 404) {
                note = "/conversations.list not available (404)";
            } else if (response.statusCode() != 200
                    || ParleyTarget.read(response.body()).get("data").size() != 20) {
                note = "/conversations.list answered " + response.statusCode();
            } else if (i >= WARM_UP) {
                list.add(took);
            }
        }
        return new Result(resume, messages, list, note);
    }

    record Response(int statusCode, String body) {}

    private static Response post(String url, String bearer, String json) {
        try {
            var connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            if (bearer != null) {
                connection.setRequestProperty("Authorization", "Bearer " + bearer);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Response(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
