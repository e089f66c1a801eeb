package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.Config;
import io.parley.Parley;
import io.parley.TestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a random port with a fresh database in a temp folder. Either started
 * directly ({@link #start()}) or, for a whole test class, registered as an extension:
 * {@code @RegisterExtension static final TestServer server = TestServer.perClass();}.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private UnaryOperator<Config> customize;
    private Parley parley;
    private final Http http;

    private TestServer(UnaryOperator<Config> customize) {
        this.customize = customize;
        this.http = new Http(this);
    }

    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    /** With a changed configuration, e.g. {@code c -> TestConfig.withLimits(c, ...)}. */
    public static TestServer start(UnaryOperator<Config> customize) {
        TestServer server = new TestServer(customize);
        server.launch();
        return server;
    }

    /** One server for all tests of a class: started before the first, closed after the last. */
    public static TestServer perClass() {
        return new TestServer(UnaryOperator.identity());
    }

    /** The same, with a changed configuration. */
    public static TestServer perClass(UnaryOperator<Config> customize) {
        return new TestServer(customize);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void launch() {
        try {
            dataDir = Files.createTempDirectory("parley-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parley = Parley.start(config(0));
    }

    private Config config(int port) {
        return customize.apply(TestConfig.withPort(TestConfig.forDataDir(dataDir), port));
    }

    /** Stops and starts again on the same data and the same port, as an operator's restart would. */
    public void restart() {
        int port = parley.port();
        parley.stop();
        parley = Parley.start(config(port));
    }

    /** A restart with another configuration, e.g. rotated secrets. */
    public void restartWith(UnaryOperator<Config> newCustomize) {
        customize = newCustomize;
        restart();
    }

    public void stopOnly() {
        parley.stop();
    }

    public void startAgain(int port) {
        parley = Parley.start(config(port));
    }

    public Parley parley() {
        return parley;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return parley.port();
    }

    public String baseUrl() {
        return "http://localhost:" + parley.port();
    }

    public String wsUrl(String path) {
        return "ws://localhost:" + parley.port() + path;
    }

    public String apiToken() {
        return parley.apiToken();
    }

    public Http http() {
        return http;
    }

    // ---- the few calls almost every test makes

    public JsonNode connectChannel(String sourceChannelId) {
        return http.operator(
                        "/channels.connect",
                        Map.of(
                                "source",
                                "chat_plugin",
                                "source_channel_id",
                                sourceChannelId,
                                "name",
                                "Test " + sourceChannelId))
                .json();
    }

    public Visitor newVisitor(String channelId) {
        JsonNode body = http.post("/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                .ok()
                .json();
        return new Visitor(channelId, body.get("token").asText());
    }

    /** The visitor sends {@code text} through {@code /chatplugin.send}; the stored message (a 200 is asserted). */
    public JsonNode visitorSends(Visitor visitor, String text) {
        return visitorTriesToSend(visitor, text).ok().json();
    }

    /** As {@link #visitorSends}, for tests of refusals: the response whatever its status. */
    public Http.Response visitorTriesToSend(Visitor visitor, String text) {
        return http.post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", text)));
    }

    public record Visitor(String channelId, String token) {}

    @Override
    public void close() {
        parley.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
