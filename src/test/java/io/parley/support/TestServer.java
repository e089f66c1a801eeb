package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.Config;
import io.parley.Parley;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The real server on a random port with a fresh database in a temp folder. */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private Parley parley;
    private final Http http;

    private TestServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.parley = Parley.start(Config.forDataDir(dataDir).withPort(port));
        this.http = new Http(this);
    }

    public static TestServer start() {
        try {
            return new TestServer(Files.createTempDirectory("parley-test"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and starts again on the same data and the same port, as an operator's restart would. */
    public void restart() {
        int port = parley.port();
        parley.stop();
        parley = Parley.start(Config.forDataDir(dataDir).withPort(port));
    }

    public void stopOnly() {
        parley.stop();
    }

    public void startAgain(int port) {
        parley = Parley.start(Config.forDataDir(dataDir).withPort(port));
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
        return http.operator("/channels.connect",
                Map.of("source", "chat_plugin", "source_channel_id", sourceChannelId, "name", "Test " + sourceChannelId))
                .json();
    }

    public Visitor newVisitor(String channelId) {
        JsonNode body = http.post("/chatplugin.authenticate", null, Map.of("channel_id", channelId)).ok().json();
        return new Visitor(channelId, body.get("token").asText());
    }

    public record Visitor(String channelId, String token) {
    }

    @Override
    public void close() {
        parley.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
