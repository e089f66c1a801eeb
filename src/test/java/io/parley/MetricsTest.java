package io.parley;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: operator-only Prometheus text with the counters operators alert on. */
class MetricsTest {
    @Test
    void metrics_need_the_api_token_and_count_messages_sockets_and_rejections() {
        try (TestServer server = TestServer.start()) {
            server.http().get("/metrics").error(401);
            Visitor visitor = server.newVisitor(
                    server.connectChannel("metrics-site").get("id").asText());
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "counted")))
                    .ok();
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer " + server.apiToken())
                    .build();
            String text = server.http().execute(request).body();
            assertTrue(text.contains("parley_messages_total 1\n"), text);
            assertTrue(text.contains("parley_send_duration_seconds_count 1\n"), text);
            assertTrue(text.contains("parley_visitor_sockets 0\n"), text);
            assertTrue(text.contains("# TYPE parley_rate_limit_rejections_total counter"), text);
        }
    }
}
