package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdentityVerificationTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    /** What the website's backend computes; written here independently of the server's code. */
    static String userHash(String secret, String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    static io.parley.support.Http.Response login(String channelId, String userId, String hash) {
        return server.http()
                .post(
                        "/chatplugin.authenticate",
                        null,
                        Map.of("channel_id", channelId, "user_id", userId, "user_hash", hash));
    }

    @Test
    void a_verified_user_gets_the_same_conversation_on_every_device() throws Exception {
        JsonNode channel = server.connectChannel("verified-site");
        String channelId = channel.get("id").asText();
        String secret = channel.get("identity_secret").asText();
        assertFalse(channel.get("identity_required").asBoolean());

        String phone = login(channelId, "user-42", userHash(secret, "user-42"))
                .ok()
                .json()
                .get("token")
                .asText();
        server.http()
                .post("/chatplugin.send", phone, Map.of("message", Map.of("text", "from my phone")))
                .ok();

        JsonNode laptop = login(
                        channelId, "user-42", userHash(secret, "user-42").toUpperCase())
                .ok()
                .json();
        assertEquals(List.of("from my phone"), laptop.get("messages").findValuesAsText("content"));
        JsonNode other =
                login(channelId, "user-43", userHash(secret, "user-43")).ok().json();
        assertEquals(0, other.get("messages").size(), "another user has another conversation");
        String laptopConversation = server.http()
                .post(
                        "/chatplugin.send",
                        laptop.get("token").asText(),
                        Map.of("message", Map.of("text", "and my laptop")))
                .ok()
                .json()
                .get("conversation_id")
                .asText();
        String otherConversation = server.http()
                .post(
                        "/chatplugin.send",
                        other.get("token").asText(),
                        Map.of("message", Map.of("text", "someone else")))
                .ok()
                .json()
                .get("conversation_id")
                .asText();
        assertNotEquals(laptopConversation, otherConversation);
    }

    @Test
    void a_wrong_or_missing_hash_is_refused() throws Exception {
        JsonNode channel = server.connectChannel("wrong-hash-site");
        String channelId = channel.get("id").asText();
        String secret = channel.get("identity_secret").asText();
        login(channelId, "user-1", userHash(secret, "user-2")).error(401);
        login(channelId, "user-1", userHash("another-secret", "user-1")).error(401);
        assertTrue(server.http()
                .post("/chatplugin.authenticate", null, Map.of("channel_id", channelId, "user_id", "user-1"))
                .error(400)
                .contains("user_hash"));
    }

    @Test
    void a_channel_that_requires_verification_refuses_anonymous_and_resumed_visitors() throws Exception {
        JsonNode channel = server.connectChannel("required-site");
        String channelId = channel.get("id").asText();
        String token = server.newVisitor(channelId).token();
        String resume = server.http()
                .post("/chatplugin.resumeToken", token, Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();

        JsonNode updated = server.http()
                .operator("/channels.update", Map.of("channel_id", channelId, "identity_required", true))
                .ok()
                .json();
        assertTrue(updated.get("identity_required").asBoolean());

        assertTrue(server.http()
                .post("/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                .error(401)
                .contains("identity"));
        server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .error(401);
        login(channelId, "member-7", userHash(channel.get("identity_secret").asText(), "member-7"))
                .ok();
    }
}
