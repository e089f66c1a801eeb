package io.parley;

import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies the server will not read in full: too large, too deeply nested. */
class RequestLimitsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void a_body_over_64_kib_is_413() {
        String big = "{\"source\":\"chat_plugin\",\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        server.http().operator("/channels.connect", big).error(413);
    }

    @Test
    void deeply_nested_json_is_400_not_a_crash() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        server.http().operator("/channels.connect", deep).error(400);
    }
}
