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
    /** Null for the default embedded H2 in {@link #dataDir}; a PostgreSQL database kept across restarts otherwise. */
    private String dbUrl;

    private UnaryOperator<Config> customize;
    private Parley parley;
    private final Http http;
    /** A second node shares its first node's folder and database, and leaves both to it. */
    private boolean ownsData = true;

    private TestServer(UnaryOperator<Config> customize) {
        this.customize = customize;
        this.http = new Http(this);
    }

    /** On PostgreSQL whatever {@code parley.test.db} says: for tests of several nodes. */
    public static TestServer startOnPostgres(UnaryOperator<Config> customize) {
        return startOnDatabase(Postgres.shared().freshDatabase(), customize);
    }

    /** On a PostgreSQL database of the caller's, e.g. on a cluster the test stops and starts. */
    public static TestServer startOnDatabase(String jdbcUrl, UnaryOperator<Config> customize) {
        TestServer server = new TestServer(customize);
        server.dbUrl = jdbcUrl;
        server.launch();
        return server;
    }

    /**
     * Another node on this server's PostgreSQL database and data folder (so the same API token
     * and JWT secret), on a port of its own: what a second machine behind a load balancer is.
     */
    public TestServer secondNode() {
        if (dbUrl == null) {
            throw new IllegalStateException("a second node needs PostgreSQL: start with startOnPostgres");
        }
        TestServer node = new TestServer(customize);
        node.dataDir = dataDir;
        node.dbUrl = dbUrl;
        node.ownsData = false;
        node.parley = Parley.start(node.config(0));
        return node;
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
        if (dbUrl == null && usesPostgres()) {
            dbUrl = Postgres.shared().freshDatabase();
        }
        parley = Parley.start(config(0));
    }

    /** {@code -Dparley.test.db=postgresql} runs the tests on PostgreSQL; H2 is the default. */
    public static boolean usesPostgres() {
        String db = System.getProperty("parley.test.db", "h2");
        return switch (db) {
            case "h2" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalArgumentException("parley.test.db must be h2 or postgresql, not " + db);
        };
    }

    /** This server's JDBC URL, e.g. for a second node on the same database. */
    public String dbUrl() {
        return dbUrl != null ? dbUrl : TestConfig.forDataDir(dataDir).dbUrl();
    }

    private Config config(int port) {
        Config base = TestConfig.withPort(TestConfig.forDataDir(dataDir), port);
        return customize.apply(dbUrl == null ? base : TestConfig.withDbUrl(base, dbUrl));
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
        if (!ownsData) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
