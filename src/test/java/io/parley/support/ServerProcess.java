package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Parley in its own JVM, so a test can kill it with SIGKILL mid-load and start it again. */
public final class ServerProcess implements AutoCloseable {
    public static final String API_TOKEN = "crash-test-api-token";
    private final Path dataDir;
    private final int port;
    private final Path log;
    private final Map<String, String> extraEnv;
    private Process process;

    public ServerProcess(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With more settings, e.g. a {@code PARLEY_DB_URL} of the user's own. */
    public ServerProcess(Path dataDir, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        this.extraEnv = extraEnv;
        this.port = freePort();
        this.log = dataDir.resolve("server.log");
    }

    public void start() {
        Map<String, String> env = new HashMap<>(Map.of(
                "PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_PORT", String.valueOf(port),
                "PARLEY_API_TOKEN", API_TOKEN,
                "PARLEY_MESSAGES_PER_SECOND", "1000000",
                "PARLEY_MESSAGE_BURST", "1000000",
                "PARLEY_NEW_CONVERSATIONS_PER_MINUTE", "1000000",
                // webhook deliveries cut off by a kill are retried after their lease: keep it short
                "PARLEY_WEBHOOK_TIMEOUT_MS", "1000",
                "PARLEY_WEBHOOK_BACKOFF_BASE_MS", "100",
                "PARLEY_WEBHOOK_BACKOFF_CAP_MS", "1000"));
        env.putAll(extraEnv);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.parley.Main")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
    }

    /** SIGKILL: no shutdown hook, no clean close of the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited; see " + log);
            }
            try {
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("server not healthy within 60 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
