package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.CompletableFuture;

/** Parley over its public API: /chatplugin.*, /messages.send and the two STOMP sockets. */
final class ParleyTarget implements Target {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The server sends a heart-beat every 30 s and expects one from us as often (3x tolerance). */
    static final String HEARTBEAT = "30000,30000";

    private final String baseUrl;
    private final String apiToken;
    private final Clients clients;
    private final String channelId;

    ParleyTarget(String baseUrl, String apiToken, Clients clients) throws Exception {
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
        this.clients = clients;
        JsonNode channel = JSON.readTree(clients.post(
                        baseUrl + "/channels.connect",
                        apiToken,
                        "{\"source\":\"chat_plugin\",\"source_channel_id\":\"bench\",\"name\":\"Bench\"}")
                .join()
                .body());
        this.channelId = channel.get("id").asText();
    }

    @Override
    public String name() {
        return "Parley";
    }

    String baseUrl() {
        return baseUrl;
    }

    String apiToken() {
        return apiToken;
    }

    String channelId() {
        return channelId;
    }

    @Override
    public CompletableFuture<Visitor> newVisitor() {
        return clients.post(baseUrl + "/chatplugin.authenticate", null, "{\"channel_id\":\"" + channelId + "\"}")
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(
                                "authenticate: " + response.statusCode() + " " + response.body());
                    }
                    String token = read(response.body()).get("token").asText();
                    return new Visitor(token, conversationOf(token));
                });
    }

    @Override
    public CompletableFuture<Sock> openVisitorSocket(Visitor visitor) {
        return openStomp("/ws.chatplugin", visitor.token(), "/queue/message");
    }

    @Override
    public Sock openOperatorSocket() {
        return openStomp("/ws.communication", apiToken, "/queue/message").join();
    }

    private CompletableFuture<Sock> openStomp(String path, String token, String destination) {
        String url = baseUrl.replaceFirst("^http", "ws") + path;
        return Sock.open(clients.socketClient(), url)
                .thenCompose(sock -> sock.request("CONNECT\naccept-version:1.2\nheart-beat:" + HEARTBEAT
                                + "\nAuthorization:Bearer " + token + "\n\n\0")
                        .thenCompose(connected -> {
                            expect(connected, "CONNECTED");
                            return sock.request("SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:s0\n\n\0");
                        })
                        .thenApply(receipt -> {
                            expect(receipt, "RECEIPT");
                            return sock;
                        }));
    }

    @Override
    public CompletableFuture<Integer> visitorSend(Visitor visitor, String text) {
        return clients.post(baseUrl + "/chatplugin.send", visitor.token(), messageBody(null, text))
                .thenApply(response -> response.statusCode());
    }

    @Override
    public CompletableFuture<Integer> operatorSend(Visitor visitor, String text) {
        return clients.post(baseUrl + "/messages.send", apiToken, messageBody(visitor.conversationId(), text))
                .thenApply(response -> response.statusCode());
    }

    private static String messageBody(String conversationId, String text) {
        var body = JsonNodeFactory.instance.objectNode();
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        body.putObject("message").put("text", text);
        return body.toString();
    }

    private static void expect(String frame, String command) {
        if (!frame.startsWith(command + "\n")) {
            throw new IllegalStateException("expected " + command + ", got " + frame.replace('\0', '^'));
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** The conversation id travels in the visitor JWT's payload. */
    static String conversationOf(String jwt) {
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return read(payload).get("conversation_id").asText();
    }
}
