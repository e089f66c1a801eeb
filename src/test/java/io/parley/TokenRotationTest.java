package io.parley;

import io.parley.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotating the JWT secret: tokens signed with the previous secret keep working until they expire. */
class TokenRotationTest {
    @Test
    void after_rotating_the_jwt_secret_old_tokens_work_until_they_expire_and_new_ones_use_the_new_secret() {
        try (TestServer server =
                TestServer.start(c -> TestConfig.withJwtSecrets(c, "secret-one-0123456789abcdef", null))) {
            String channelId = server.connectChannel("rotate-site").get("id").asText();
            String oldToken = server.newVisitor(channelId).token();
            send(server, oldToken).ok();

            server.restartWith(
                    c -> TestConfig.withJwtSecrets(c, "secret-two-0123456789abcdef", "secret-one-0123456789abcdef"));
            send(server, oldToken).ok();
            String fresh = server.newVisitor(channelId).token();
            send(server, fresh).ok();

            server.restartWith(c -> TestConfig.withJwtSecrets(c, "secret-two-0123456789abcdef", null));
            send(server, oldToken).error(401);
            send(server, fresh).ok();
        }
    }

    static io.parley.support.Http.Response send(TestServer server, String token) {
        return server.http().post("/chatplugin.send", token, Map.of("message", Map.of("text", "hi")));
    }
}
